/**
 * Pulumi inputs are not known at plan time: the plan checks that each placement value is given, not what it
 * is. Plain strings (cloud regions, from which records are laid out) pass as they are; an input becomes
 * '<input>', and a missing one '' (which the plan reports as missing).
 */
import type * as pulumi from '@pulumi/pulumi';

export const placeholder = (value: unknown): string | undefined => (value === undefined ? undefined : '<input>');

/** Each region's placement with its inputs (the keys named) as placeholders; plain values as given. */
export function placeholderRegions<T extends object>(
  regions: Readonly<Record<string, T>> | undefined,
  inputs: readonly (keyof T & string)[],
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Object.entries(regions ?? {}).map(([name, region]) => [
      name,
      Object.fromEntries(
        Object.entries(region as Record<string, pulumi.Input<unknown>>).map(([k, v]) => [
          k,
          inputs.includes(k as keyof T & string) ? (placeholder(v) ?? '') : v,
        ]),
      ),
    ]),
  );
}

/** The placement of an Azure global target (Front Door, Traffic Manager): its resource group and each region's inputs. */
export function azurePlaceholders<T extends object>(
  args: { readonly resourceGroupName: unknown; readonly regions: Readonly<Record<string, T>> },
  inputs: readonly (keyof T & string)[],
): { resourceGroupName: string | undefined; regions: Record<string, Record<string, unknown>> } {
  return { resourceGroupName: placeholder(args.resourceGroupName), regions: placeholderRegions(args.regions, inputs) };
}
