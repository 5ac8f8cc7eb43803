// The lbkit dashboard's page script (plain browser JavaScript, no build step). It listens to
// /dashboard/events (server-sent events from feed.ts: 'hello' with the history, then 'sample' and 'event'),
// keeps the samples, and redraws the tables and the uPlot charts. Rates are the difference of the status
// counters between consecutive samples divided by the time between them.
/* global document, window, EventSource, uPlot -- a browser page; uPlot comes from /dashboard/uplot.js */
'use strict';

(function dashboard() {
  const MAX_SAMPLES = 300;
  const MAX_EVENTS = 100;
  const CLASSES = ['2xx', '3xx', '4xx', '5xx', '1xx', 'other'];
  const CLASS_LABELS = { '1xx': '1xx', '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', other: 'L4 connections' };
  const CLASS_COLORS = { '1xx': '#7a5af8', '2xx': '#12805c', '3xx': '#175cd3', '4xx': '#dc6803', '5xx': '#d92d20', other: '#667085' };
  /** The tone (colour) of a badge for what it shows: a member's health or state, a pool's availability, the feed's connection. */
  const TONES = {
    healthy: 'good',
    available: 'good',
    live: 'good',
    unhealthy: 'bad',
    unavailable: 'bad',
    lost: 'bad',
    draining: 'warn',
    ejected: 'warn',
    'slow-start': 'warn',
  };
  const PALETTE = ['#175cd3', '#12805c', '#dc6803', '#7a5af8', '#d92d20', '#0e9384', '#c11574', '#667085', '#4e5ba6', '#b54708'];

  /**
   * One chart line per item, coloured in palette order: `values` gives its points, `key` and `label` its id and
   * legend text (the item itself, a name, by default).
   */
  function paletteLines(items, values, key = (item) => item, label = key) {
    return items.map((item, i) => ({ key: key(item), label: label(item), color: PALETTE[i % PALETTE.length], values: values(item) }));
  }

  /** @type {{ t: number, status: any }[]} */
  let samples = [];
  /** @type {{ t: number, event: any }[]} */
  let events = [];
  /** Charts by element id, with the series keys they were built for (rebuilt when those change). */
  const charts = {};

  const $ = (id) => document.getElementById(id);
  const esc = (v) => String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
  const clock = (t) => new Date(t).toLocaleTimeString([], { hour12: false });
  const fmt = (n, digits = 1) => (n === null || n === undefined ? '–' : Number(n).toFixed(digits).replace(/\.0+$/, ''));
  const sum = (record) => Object.values(record || {}).reduce((a, b) => a + b, 0);

  /** Per-second rate of `value(status)` between each pair of consecutive samples (negative deltas: 0). */
  function rates(value) {
    const out = [];
    for (let i = 1; i < samples.length; i++) {
      const dt = (samples[i].t - samples[i - 1].t) / 1000;
      const d = value(samples[i].status) - value(samples[i - 1].status);
      out.push(dt > 0 ? Math.max(0, d) / dt : 0);
    }
    return out;
  }

  const frontendOf = (status, name) => status.frontends.find((f) => f.name === name);
  const memberOf = (status, pool, address) => {
    const p = status.pools.find((x) => x.name === pool);
    return p && p.members.find((m) => m.address === address);
  };

  /** Member state in one word: what the load balancer does with it now. */
  function memberState(m) {
    if (m.draining) return 'draining';
    if (m.ejected) return 'ejected';
    if (!m.available) return 'unavailable';
    if (m.slowStart < 1) return 'slow-start';
    return 'available';
  }

  function renderFrontends(status) {
    const last = samples.length > 1 ? samples[samples.length - 2] : undefined;
    const rows = status.frontends.map((f) => {
      const before = last && frontendOf(last.status, f.name);
      const dt = last ? (samples[samples.length - 1].t - last.t) / 1000 : 0;
      const perSecond = before && dt > 0 ? Math.max(0, sum(f.responses) - sum(before.responses)) / dt : 0;
      const r = f.responses;
      return `<tr data-frontend="${esc(f.name)}">
        <td>${esc(f.name)}</td><td>${esc(f.protocol)}</td><td>${esc(f.address)}</td>
        <td class="num">${f.activeConnections}</td><td class="num">${fmt(perSecond)}</td>
        <td class="num">${r['2xx'] || 0}</td><td class="num">${r['3xx'] || 0}</td><td class="num">${r['4xx'] || 0}</td>
        <td class="num">${r['5xx'] || 0}</td><td class="num">${r.other || 0}</td>
        <td class="num">${sum(f.rateLimited)}</td><td class="num">${sum(f.badRequests)}</td><td class="num">${f.deniedConnections}</td>
      </tr>`;
    });
    $('frontends').tBodies[0].innerHTML = rows.join('');
  }

  function renderPools(status) {
    $('pools').innerHTML = status.pools
      .map((p) => {
        const available = p.members.filter((m) => m.available).length;
        const availability = available ? 'available' : 'unavailable';
        const members = p.members.length
          ? p.members
              .map((m) => {
                const health = m.healthy ? 'healthy' : 'unhealthy';
                const state = memberState(m);
                const stateText =
                  state === 'ejected' && m.ejectedUntil
                    ? `ejected until ${clock(m.ejectedUntil)}`
                    : state === 'slow-start'
                      ? `slow start ${Math.round(m.slowStart * 100)}%`
                      : state;
                return `<tr data-member="${esc(m.address)}" data-health="${health}" data-state="${state}">
            <td>${esc(m.address)}</td><td class="num">${m.weight}</td>
            <td><span class="badge" data-health="${health}" data-tone="${TONES[health]}">${health}</span></td>
            <td><span class="badge" data-state="${state}" data-tone="${TONES[state]}">${esc(stateText)}</span></td>
            <td class="num">${m.inFlight}</td><td class="num">${m.requests}</td><td class="num">${m.failures}</td>
            <td class="num">${m.ejections}</td><td class="num">${fmt(m.latencyEwmaMs, 2)}</td>
          </tr>`;
              })
              .join('')
          : '<tr><td colspan="9">no members bound</td></tr>';
        return `<article class="pool" data-pool="${esc(p.name)}">
        <h3>${esc(p.name)} <span class="badge" data-state="${availability}" data-tone="${TONES[availability]}">${available}/${p.members.length} available</span></h3>
        <div class="meta">${esc(p.protocol)}, ${esc(p.algorithm)}, when all unhealthy: ${esc(p.whenAllUnhealthy)}</div>
        <table>
          <thead><tr><th>member</th><th class="num">weight</th><th>health</th><th>state</th><th class="num">in flight</th>
            <th class="num">requests</th><th class="num">failures</th><th class="num">ejections</th><th class="num" title="moving average of the time to response headers">latency ms</th></tr></thead>
          <tbody>${members}</tbody>
        </table>
      </article>`;
      })
      .join('');
  }

  /** One line per event, in the words `lbkit emulate` prints (providers/local/console.ts). */
  function describe(e) {
    const who = `${e.pool}/${e.member}`;
    switch (e.type) {
      case 'member-unhealthy':
        return [`✗ ${who} unhealthy after ${e.probes} failed probe${e.probes === 1 ? '' : 's'}${e.detail ? ` (${e.detail})` : ''}`, 'bad'];
      case 'member-healthy':
        return [`✓ ${who} healthy again after ${e.probes} successful probe${e.probes === 1 ? '' : 's'}`, 'good'];
      case 'member-ejected':
        return [`✗ ${who} ejected after ${e.failures} consecutive failures, until ${clock(e.until)}`, 'bad'];
      case 'member-restored':
        return [`✓ ${who} back from ejection`, 'good'];
      case 'member-draining':
        return [`… ${who} draining`, ''];
      case 'member-drained':
        return [`… ${who} drained${e.cut ? ` (${e.cut} connections cut)` : ''}`, ''];
      case 'member-undrained':
        return [`✓ ${who} back in service`, 'good'];
      case 'bad-request':
        return [`! ${e.frontend}: refused bad input (${e.reason}, ${e.status})`, 'bad'];
      case 'internal-error':
        return [`!! ${e.frontend}: internal error (please report): ${e.message}`, 'bad'];
      case 'alarm':
        return e.state === 'alarm'
          ? [`✗ alarm ${e.alarm} firing: ${e.metric} ${e.value ?? 'no data'} against ${e.threshold}${e.notify ? ` (notify ${e.notify})` : ''}`, 'bad']
          : [`✓ alarm ${e.alarm} back to ok`, 'good'];
      default:
        return [`${e.type} ${JSON.stringify(e)}`, ''];
    }
  }

  /** The spec's alarms as the proxy evaluates them (/status alarms): state, last period's value, threshold. */
  function renderAlarms(status) {
    const alarms = status.alarms || [];
    if (!alarms.length) {
      $('alarms').innerHTML = '<li class="empty">the spec has no alarms</li>';
      return;
    }
    $('alarms').innerHTML = alarms
      .map((a) => {
        const value = a.value === null ? 'no data' : fmt(a.value);
        const tone = a.state === 'alarm' ? 'bad' : 'good';
        const target = `${a.metric}${a.pool ? ` of ${a.pool}` : ''} ${a.comparison === 'above' ? '>' : '<'} ${a.threshold}`;
        return `<li data-alarm="${esc(a.name)}" data-state="${esc(a.state)}" data-tone="${tone}">${esc(a.name)}: ${esc(a.state)} (${esc(target)}; last ${esc(value)}, ${a.breachingPeriods}/${a.evaluationPeriods} periods)</li>`;
      })
      .join('');
  }

  function renderEvents() {
    if (!events.length) {
      $('events').innerHTML = '<li class="empty">no events yet: members changing health, draining or being ejected show here</li>';
      return;
    }
    $('events').innerHTML = events
      .slice()
      .reverse()
      .map(({ t, event }) => {
        const [text, tone] = describe(event);
        return `<li data-type="${esc(event.type)}" data-tone="${tone}"><time>${clock(t)}</time>${esc(text)}</li>`;
      })
      .join('');
  }

  /** Draws (or redraws) one time chart: `series` is [{ key, label, color, values }], one value per x. */
  function chart(id, title, unit, xs, series) {
    const el = $(id);
    const keys = series.map((s) => s.key).join('\n');
    const data = [xs, ...series.map((s) => s.values)];
    const width = Math.max(300, el.clientWidth - 16);
    let c = charts[id];
    if (c && c.keys !== keys) {
      c.plot.destroy();
      c = undefined;
    }
    if (!c) {
      const plot = new uPlot(
        {
          title,
          width,
          height: 200,
          // Labels only: a live legend of values under the cursor takes room and changes the card's height.
          legend: { live: false },
          scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(1, max * 1.1)] } },
          axes: [{}, { label: unit, size: 50 }],
          series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, points: { show: false } }))],
        },
        data,
        el,
      );
      charts[id] = { plot, keys };
    } else {
      if (Math.abs(c.plot.width - width) > 4) c.plot.setSize({ width, height: 200 });
      c.plot.setData(data);
    }
  }

  function renderCharts() {
    if (samples.length < 2) return;
    const status = samples[samples.length - 1].status;
    const xs = samples.slice(1).map((s) => s.t / 1000);
    const seen = new Set();
    for (const s of samples) for (const f of s.status.frontends) for (const k of Object.keys(f.responses)) seen.add(k);
    const classes = CLASSES.filter((k) => seen.has(k));
    chart(
      'chart-status',
      'Responses per second by status class',
      'per s',
      xs,
      (classes.length ? classes : ['2xx']).map((k) => ({
        key: k,
        label: CLASS_LABELS[k],
        color: CLASS_COLORS[k],
        values: rates((st) => st.frontends.reduce((a, f) => a + (f.responses[k] || 0), 0)),
      })),
    );
    chart(
      'chart-frontends',
      'Requests per second by frontend (L4: connections)',
      'per s',
      xs,
      paletteLines(
        status.frontends.map((f) => f.name),
        (name) =>
          rates((st) => {
            const x = frontendOf(st, name);
            return x ? sum(x.responses) : 0;
          }),
      ),
    );
    const members = status.pools.flatMap((p) => p.members.map((m) => ({ pool: p.name, address: m.address })));
    chart(
      'chart-latency',
      'Member latency, ms to response headers (EWMA)',
      'ms',
      xs,
      paletteLines(
        members,
        (m) =>
          samples.slice(1).map((s) => {
            const x = memberOf(s.status, m.pool, m.address);
            return x ? x.latencyEwmaMs : null;
          }),
        (m) => `${m.pool}/${m.address}`,
        (m) => `${m.pool} ${m.address}`,
      ),
    );
    chart(
      'chart-in-flight',
      'In flight by pool',
      'requests',
      xs,
      paletteLines(
        status.pools.map((p) => p.name),
        (name) =>
          samples.slice(1).map((s) => {
            const x = s.status.pools.find((q) => q.name === name);
            return x ? x.members.reduce((a, m) => a + m.inFlight, 0) : null;
          }),
      ),
    );
  }

  function render() {
    if (!samples.length) return;
    const last = samples[samples.length - 1];
    $('lb-name').textContent = last.status.name;
    document.title = `lbkit ${last.status.name}`;
    $('updated').textContent = `updated ${clock(last.t)}`;
    renderFrontends(last.status);
    renderPools(last.status);
    renderAlarms(last.status);
    renderCharts();
  }

  function connection(state) {
    const el = $('connection');
    el.dataset.connection = state;
    el.dataset.tone = TONES[state] || '';
    el.textContent = state;
  }

  const source = new EventSource('/dashboard/events');
  source.onopen = () => connection('live');
  // EventSource reconnects by itself (the server asks for 2 s); 'hello' then replaces the history.
  source.onerror = () => connection(source.readyState === EventSource.CLOSED ? 'lost' : 'reconnecting');
  source.addEventListener('hello', (m) => {
    const hello = JSON.parse(m.data);
    samples = hello.samples.slice(-MAX_SAMPLES);
    events = hello.events.slice(-MAX_EVENTS);
    connection('live');
    render();
    renderEvents();
  });
  source.addEventListener('sample', (m) => {
    samples.push(JSON.parse(m.data).sample);
    if (samples.length > MAX_SAMPLES) samples.shift();
    render();
  });
  source.addEventListener('event', (m) => {
    events.push(JSON.parse(m.data).event);
    if (events.length > MAX_EVENTS) events.shift();
    renderEvents();
  });
  window.addEventListener('resize', () => renderCharts());
  renderEvents();
})();
