/** What every scenario gets: a proxy under test, started in front of given member ports. */
export interface ProxyUnderTest {
  readonly name: string;
  /** Where clients connect. */
  readonly port: number;
  /** The proxy's process, for memory sampling and profiles. */
  readonly pid: number;
  stop(): Promise<void>;
}

export type ProxyFactory = (members: readonly number[]) => Promise<ProxyUnderTest>;

export interface Measurement {
  readonly [key: string]: number | string | undefined;
}
