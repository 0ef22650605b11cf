/*
 * DatumSync profile report page.
 *
 * The report arrives as JSON in the page's script element #report-data. Everything is drawn from it here with DOM calls
 * (never innerHTML, so names and values from the data can hold any characters). To open instantly for
 * hundreds of columns the page draws only the header and the overview rows up front, in chunks that yield to
 * the browser between them; a column's details are built the first time it is opened.
 */
'use strict';

(function () {
  const FIRST_CHUNK = 60;   // overview rows drawn before the page is first painted
  const CHUNK = 220;        // rows per later chunk
  const HEATMAP_MAX = 30;   // above this many columns a heatmap is unreadable: the pairs table alone
  const PAIRS_SHOWN = 25;
  const SVGNS = 'http://www.w3.org/2000/svg';
  const KINDS = ['numeric', 'string', 'boolean', 'temporal'];
  const DRIFT_RANK = { significant: 2, moderate: 1, none: 0 };

  // ---- Small DOM helpers ------------------------------------------------------------------------------

  function setAttrs(node, attrs) {
    if (!attrs) return;
    for (const key of Object.keys(attrs)) {
      const value = attrs[key];
      if (value === null || value === undefined || value === false) continue;
      if (key === 'class') node.setAttribute('class', value);
      else if (key === 'text') node.textContent = value;
      else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? '' : String(value));
    }
  }

  function add(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) add(node, child);
      else node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  /** An HTML element: h('td', { class: 'num' }, 'text', childNode, ...). */
  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    return add(node, children);
  }

  /** An SVG element, same calling convention as h(). */
  function s(tag, attrs, ...children) {
    const node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    return add(node, children);
  }

  function tooltip(text) {
    return s('title', { text: text });
  }

  // ---- Formatting -------------------------------------------------------------------------------------

  const intFormat = new Intl.NumberFormat('en-US');
  const sigFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 6 });
  const compactFormat = new Intl.NumberFormat('en-US', { notation: 'compact', maximumSignificantDigits: 3 });

  function isNum(v) {
    return typeof v === 'number' && Number.isFinite(v);
  }

  function fmtCount(n) {
    return isNum(n) ? intFormat.format(n) : '—';
  }

  function fmtNum(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v !== 'number') return fmtText(v);
    if (!Number.isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e15 || a < 1e-4)) return v.toExponential(3);
    if (Number.isInteger(v)) return intFormat.format(v);
    return sigFormat.format(v);
  }

  function fmtCompact(v) {
    if (!isNum(v)) return '—';
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e15 || a < 1e-3)) return v.toExponential(1);
    return compactFormat.format(v);
  }

  function fmtPct(fraction) {
    if (!isNum(fraction)) return '—';
    const p = fraction * 100;
    if (p === 0) return '0%';
    if (p < 0.1) return '<0.1%';
    if (p > 99.9 && p < 100) return '>99.9%';
    return (p >= 10 ? p.toFixed(0) : p.toFixed(1)) + '%';
  }

  function fmtBytes(b) {
    if (!isNum(b)) return '—';
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    let v = b;
    while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
    return (i === 0 ? String(v) : v.toFixed(v >= 100 ? 0 : 1)) + ' ' + units[i];
  }

  function fmtDuration(seconds) {
    if (!isNum(seconds)) return '—';
    if (seconds < 1) return Math.round(seconds * 1000) + ' ms';
    if (seconds < 60) return seconds.toFixed(seconds < 10 ? 2 : 1) + ' s';
    const m = Math.floor(seconds / 60);
    return m + ' min ' + Math.round(seconds - m * 60) + ' s';
  }

  /** ISO date/time text: midnight times are dropped, seconds kept, the 'T' becomes a space. */
  function fmtText(v) {
    const text = String(v);
    const iso = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
    if (!iso) return text;
    if (/^00:00(:00)?$/.test(iso[2]) && !iso[3]) return iso[1];
    return iso[1] + ' ' + iso[2] + (iso[4] === 'Z' ? ' UTC' : iso[4] ? ' ' + iso[4] : '');
  }

  /** Shorter labels for chart axes: ISO values keep the date only. */
  function fmtEdge(v) {
    if (typeof v === 'number') return fmtCompact(v);
    const text = fmtText(v);
    return text.length > 10 && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : text;
  }

  function shorten(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '…' : text;
  }

  /** A value from top_values: empty and whitespace-only strings are shown as such, not as blanks. */
  function valueLabel(value) {
    if (value === '') return { text: '(empty string)', special: true };
    if (value === null || value === undefined) return { text: '(null)', special: true };
    if (/^\s+$/.test(value)) return { text: '(' + value.length + ' spaces)', special: true };
    return { text: String(value), special: false };
  }

  // ---- The report -------------------------------------------------------------------------------------

  const app = document.getElementById('app');
  let report;
  try {
    report = JSON.parse(document.getElementById('report-data').textContent);
    if (!report || !Array.isArray(report.columns)) throw new Error('the report has no "columns" list');
  } catch (e) {
    app.replaceChildren(h('p', { class: 'fatal' }, 'This report cannot be shown: ' + e.message));
    return;
  }

  const columns = report.columns.map((col, index) => ({ col: col, index: index }));
  const comparison = report.comparison || null;
  const driftByName = new Map();
  if (comparison && Array.isArray(comparison.columns)) {
    for (const d of comparison.columns) driftByName.set(d.name, d);
  }
  const totalRows = isNum(report.rows) ? report.rows : null;

  function rowsOf(col) {
    return isNum(totalRows) ? totalRows : isNum(col.count) ? col.count : null;
  }

  // ---- Header -----------------------------------------------------------------------------------------

  function figure(label, value, extra, cls) {
    return h('div', { class: 'card figure' + (cls ? ' ' + cls : '') },
      h('div', { class: 'label' }, label),
      h('div', { class: 'value', title: value }, value),
      extra ? h('div', { class: 'extra' }, extra) : null);
  }

  function columnWarningCount() {
    let n = 0;
    for (const c of report.columns) n += Array.isArray(c.warnings) ? c.warnings.length : 0;
    return n;
  }

  function renderHeader() {
    const dup = report.duplicate_rows || null;
    const warnCount = (Array.isArray(report.warnings) ? report.warnings.length : 0) + columnWarningCount();
    const kindCounts = {};
    for (const c of report.columns) {
      const k = KINDS.includes(c.kind) ? c.kind : 'other';
      kindCounts[k] = (kindCounts[k] || 0) + 1;
    }
    const colCount = isNum(report.column_count) ? report.column_count : report.columns.length;
    const kindBar = h('div', { class: 'kinds', role: 'img', 'aria-label': 'Column kinds' },
      KINDS.concat(['other']).filter(k => kindCounts[k]).map(k =>
        h('span', { class: 'kind-' + k, title: kindCounts[k] + ' ' + k })));
    // Widths through CSSOM: the page's Content-Security-Policy allows no inline style attributes.
    let i = 0;
    for (const k of KINDS.concat(['other'])) {
      if (!kindCounts[k]) continue;
      kindBar.children[i++].style.width = (kindCounts[k] / report.columns.length * 100) + '%';
    }
    const kindText = KINDS.concat(['other']).filter(k => kindCounts[k]).map(k => kindCounts[k] + ' ' + k).join(' · ');

    const figures = [
      figure('Rows', fmtCount(report.rows)),
      h('div', { class: 'card figure' },
        h('div', { class: 'label' }, 'Columns'),
        h('div', { class: 'value' }, fmtCount(colCount)),
        kindBar, h('div', { class: 'extra' }, kindText)),
      figure('Size', fmtBytes(report.size_bytes), report.format ? report.format.toUpperCase() : null),
      figure('Elapsed', fmtDuration(report.elapsed_seconds)),
      dup ? figure('Duplicate rows', (dup.exact === false ? '≈ ' : '') + fmtCount(dup.estimate),
        fmtPct(dup.fraction) + ' of rows' + (dup.exact === false ? ' (estimate)' : ''),
        dup.estimate > 0 ? 'alert' : null) : null,
      figure('Warnings', fmtCount(warnCount), warnCount ? 'see Warnings below' : 'none', warnCount ? 'alert' : null),
      comparison ? figure('Drifted columns', fmtCount(comparison.drifted_columns),
        'vs ' + (comparison.baseline || 'baseline'), comparison.drifted_columns > 0 ? 'bad' : null) : null
    ];

    const source = report.source ? String(report.source) : 'Profile report';
    document.title = 'Profile · ' + (report.source ? source : 'report');  // as the writer's <title>
    return h('header', { class: 'top' },
      h('div', { class: 'brand' }, 'DatumSync profile'),
      h('h1', null, source),
      h('div', { class: 'sub' },
        [report.format ? report.format.toUpperCase() + ' file' : null,
          fmtCount(report.rows) + ' rows × ' + fmtCount(colCount) + ' columns']
          .filter(Boolean).join(' · ')),
      h('div', { class: 'figures' }, figures));
  }

  function renderNav() {
    const links = [['#overview', 'Columns']];
    if (report.correlations && Array.isArray(report.correlations.values) && report.correlations.values.length) {
      links.push(['#correlations', 'Correlations']);
    }
    if (comparison) links.push(['#comparison', 'Comparison']);
    links.push(['#warnings', 'Warnings']);
    return h('nav', { class: 'sections', 'aria-label': 'Sections' }, links.map(l => h('a', { href: l[0] }, l[1])));
  }

  // ---- Sparklines ---------------------------------------------------------------------------------------

  function spark(col) {
    const W = 88;
    const H = 22;
    const bins = col.histogram && Array.isArray(col.histogram.bins) ? col.histogram.bins : null;
    if (bins && bins.length) {
      const max = Math.max(1, ...bins.map(b => b.count || 0));
      const bw = W / bins.length;
      const root = s('svg', { class: 'spark', viewBox: '0 0 ' + W + ' ' + H, 'aria-hidden': 'true' });
      bins.forEach((b, i) => {
        const bh = Math.max((b.count || 0) / max * (H - 1), b.count ? 1 : 0);
        root.append(s('rect', { x: (i * bw).toFixed(2), y: (H - bh).toFixed(2), width: Math.max(bw - 1, 0.6).toFixed(2), height: bh.toFixed(2) }));
      });
      return root;
    }
    const rows = rowsOf(col);
    if (col.kind === 'boolean' && rows) {
      const t = (col.true_count || 0) / rows * W;
      const f = (col.false_count || 0) / rows * W;
      return s('svg', { class: 'spark', viewBox: '0 0 ' + W + ' ' + H, 'aria-hidden': 'true' },
        s('rect', { x: 0, y: 6, width: t.toFixed(2), height: 10 }),
        s('rect', { class: 'alt', x: t.toFixed(2), y: 6, width: f.toFixed(2), height: 10 }),
        s('rect', { class: 'null', x: (t + f).toFixed(2), y: 6, width: Math.max(W - t - f, 0).toFixed(2), height: 10 }));
    }
    const top = Array.isArray(col.top_values) ? col.top_values.slice(0, 8) : [];
    if (top.length && rows) {
      const max = Math.max(1, ...top.map(t => t.count || 0));
      const bw = W / 8;
      const root = s('svg', { class: 'spark', viewBox: '0 0 ' + W + ' ' + H, 'aria-hidden': 'true' });
      top.forEach((t, i) => {
        const bh = Math.max((t.count || 0) / max * (H - 1), 1);
        root.append(s('rect', { class: 'alt', x: (i * bw).toFixed(2), y: (H - bh).toFixed(2), width: (bw - 1.5).toFixed(2), height: bh.toFixed(2) }));
      });
      return root;
    }
    return null;
  }

  // ---- Overview table ---------------------------------------------------------------------------------

  const state = {
    sortKey: 'index',
    sortDir: 1,
    filter: '',
    kind: '',
    onlyWarnings: false,
    expanded: new Set(),
    renderToken: 0
  };
  const rowCache = new Map();     // column index -> its overview <tr>
  const detailCache = new Map();  // column index -> its detail <tr>, built on first open
  let tbody;
  let shownLabel;
  const headerCells = [];

  const SORTERS = {
    index: (a, b) => a.index - b.index,
    name: (a, b) => String(a.col.name).localeCompare(String(b.col.name)),
    type: (a, b) => String(a.col.type || '').localeCompare(String(b.col.type || '')),
    semantic: (a, b) => String(a.col.semantic_type || '~').localeCompare(String(b.col.semantic_type || '~')),
    nulls: (a, b) => (a.col.null_fraction || 0) - (b.col.null_fraction || 0),
    distinct: (a, b) => (a.col.distinct || 0) - (b.col.distinct || 0),
    drift: (a, b) => driftScore(a.col) - driftScore(b.col)
  };

  function driftScore(col) {
    const d = driftByName.get(col.name);
    if (!d) return -1;
    return (DRIFT_RANK[d.drift] || 0) * 1000 + (isNum(d.psi) ? Math.min(d.psi, 999) : 0);
  }

  function visibleColumns() {
    const needle = state.filter.trim().toLowerCase();
    const list = columns.filter(e => {
      if (state.kind && e.col.kind !== state.kind) return false;
      if (state.onlyWarnings && !(Array.isArray(e.col.warnings) && e.col.warnings.length)) return false;
      if (!needle) return true;
      return String(e.col.name).toLowerCase().includes(needle) ||
        String(e.col.type || '').toLowerCase().includes(needle) ||
        String(e.col.semantic_type || '').toLowerCase().includes(needle);
    });
    const sorter = SORTERS[state.sortKey] || SORTERS.index;
    list.sort((a, b) => {
      const d = sorter(a, b);
      return d ? d * state.sortDir : a.index - b.index;  // ties keep the report's order either way
    });
    return list;
  }

  function minMaxText(v) {
    if (v === null || v === undefined) return '';
    return typeof v === 'number' ? fmtNum(v) : shorten(fmtText(v), 28);
  }

  function overviewRow(entry) {
    const col = entry.col;
    const detailId = 'col-detail-' + entry.index;
    const button = h('button', { class: 'toggle', type: 'button', 'aria-expanded': 'false', 'aria-controls': detailId, title: String(col.name) },
      h('span', { class: 'chev', 'aria-hidden': 'true' }, '▸'),
      h('span', { class: 'label' }, String(col.name)));
    const nullPct = isNum(col.null_fraction) ? col.null_fraction : null;
    const nullBar = h('span', { class: 'nullbar', 'aria-hidden': 'true' }, h('span'));
    if (nullPct !== null) nullBar.firstChild.style.width = (nullPct * 100) + '%';
    const warnCount = Array.isArray(col.warnings) ? col.warnings.length : 0;
    const cells = [
      h('td', { class: 'idx num' }, String(entry.index + 1)),
      h('th', { class: 'name', scope: 'row' }, button,
        warnCount ? [' ', h('span', { class: 'badge warn', title: col.warnings.join('\n') }, warnCount === 1 ? '1 warning' : warnCount + ' warnings')] : null),
      h('td', { class: 'type' }, col.type || col.kind || ''),
      h('td', null, semanticCell(col)),
      h('td', { class: 'num' }, h('span', { class: 'nullcell' + (nullPct > 0.5 ? ' high-null' : '') }, fmtPct(nullPct), nullBar)),
      h('td', { class: 'num' }, (col.distinct_exact === false && isNum(col.distinct) ? '≈ ' : '') + fmtCount(col.distinct)),
      h('td', { class: 'minmax num', title: col.min === undefined || col.min === null ? null : String(col.min) }, minMaxText(col.min)),
      h('td', { class: 'minmax num', title: col.max === undefined || col.max === null ? null : String(col.max) }, minMaxText(col.max)),
      h('td', { class: 'spark' }, spark(col))
    ];
    if (comparison) cells.push(h('td', null, driftBadge(driftByName.get(col.name))));
    const tr = h('tr', { class: 'col', 'data-index': entry.index }, cells);
    tr.addEventListener('click', ev => {
      if (ev.target.closest('a')) return;
      toggleColumn(entry.index);
    });
    return tr;
  }

  function semanticCell(col) {
    if (!col.semantic_type && !col.pii) return h('span', { class: 'muted' }, '—');
    return h('span', { class: 'sem-cell' },
      col.semantic_type ? h('span', { class: 'badge sem' }, col.semantic_type) : null,
      isNum(col.semantic_confidence) ? h('span', { class: 'conf', title: 'confidence' }, Math.round(col.semantic_confidence * 100) + '%') : null,
      col.pii ? h('span', { class: 'badge pii', title: 'Likely personal data' }, 'PII') : null);
  }

  function driftBadge(d) {
    if (!d) return h('span', { class: 'muted' }, '—');
    const level = d.drift in DRIFT_RANK ? d.drift : 'none';
    return h('span', { class: 'badge drift-' + level }, level === 'none' ? 'no drift' : level);
  }

  function rowFor(entry) {
    let tr = rowCache.get(entry.index);
    if (!tr) {
      tr = overviewRow(entry);
      rowCache.set(entry.index, tr);
    }
    return tr;
  }

  function detailFor(index) {
    let tr = detailCache.get(index);
    if (!tr) {
      tr = h('tr', { class: 'detail', id: 'col-detail-' + index },
        h('td', { colspan: headerCells.length }, columnDetails(report.columns[index])));
      detailCache.set(index, tr);
    }
    return tr;
  }

  function setOpen(index, open) {
    const tr = rowCache.get(index);
    if (!tr) return;
    tr.classList.toggle('open', open);
    tr.querySelector('button.toggle').setAttribute('aria-expanded', open ? 'true' : 'false');
  }

  function toggleColumn(index, forceOpen) {
    const open = forceOpen === undefined ? !state.expanded.has(index) : forceOpen;
    const tr = rowCache.get(index);
    if (open) {
      state.expanded.add(index);
      if (tr && tr.parentNode) tr.after(detailFor(index));
    } else {
      state.expanded.delete(index);
      const detail = detailCache.get(index);
      if (detail) detail.remove();
    }
    setOpen(index, open);
  }

  /** Opens a column from elsewhere on the page (warnings, drift table), clearing filters that hide it. */
  function revealColumn(index) {
    const tr = rowCache.get(index);
    const go = () => {
      toggleColumn(index, true);
      const row = rowCache.get(index);
      if (row) {
        row.scrollIntoView({ block: 'start' });
        row.querySelector('button.toggle').focus({ preventScroll: true });
      }
    };
    if (!tr || !tr.isConnected) {
      state.filter = '';
      state.kind = '';
      state.onlyWarnings = false;
      syncToolbar();
      renderRows(go);
    } else {
      go();
    }
  }

  let syncToolbar = () => { };

  /** Draws the rows of the current filter and sort: the first chunk now, the rest after yielding. */
  function renderRows(done) {
    const token = ++state.renderToken;
    const list = visibleColumns();
    tbody.replaceChildren();
    shownLabel.textContent = list.length === columns.length
      ? fmtCount(columns.length) + ' columns'
      : fmtCount(list.length) + ' of ' + fmtCount(columns.length) + ' columns';
    if (!list.length) {
      tbody.append(h('tr', { class: 'empty-row' }, h('td', { colspan: headerCells.length }, 'No column matches the filter.')));
    }
    let i = 0;
    const step = () => {
      if (token !== state.renderToken) return;  // a newer filter or sort took over
      const frag = document.createDocumentFragment();
      const end = Math.min(list.length, i + (i === 0 ? FIRST_CHUNK : CHUNK));
      for (; i < end; i++) {
        const entry = list[i];
        frag.append(rowFor(entry));
        if (state.expanded.has(entry.index)) frag.append(detailFor(entry.index));
      }
      tbody.append(frag);
      if (i < list.length) {
        setTimeout(step, 0);
      } else {
        document.documentElement.setAttribute('data-rows-rendered', String(list.length));
        if (!document.documentElement.hasAttribute('data-rows-ms')) {
          document.documentElement.setAttribute('data-rows-ms', String(Math.round(performance.now())));
        }
        if (done) done();
      }
    };
    document.documentElement.removeAttribute('data-rows-rendered');
    step();
  }

  function renderOverview() {
    const heads = [
      ['#', 'index', 'num'], ['Column', 'name'], ['Type', 'type'], ['Semantic type', 'semantic'],
      ['Nulls', 'nulls', 'num'], ['Distinct', 'distinct', 'num'], ['Min', null, 'num minmax'], ['Max', null, 'num minmax'],
      ['Distribution', null]
    ];
    if (comparison) heads.push(['Drift', 'drift']);
    const headRow = h('tr');
    for (const [label, key, cls] of heads) {
      const th = h('th', { scope: 'col', class: cls || null });
      if (key) {
        th.setAttribute('aria-sort', key === state.sortKey ? 'ascending' : 'none');
        th.append(h('button', { class: 'sort', type: 'button', onclick: () => sortBy(key) }, label));
      } else {
        th.textContent = label;
      }
      th.dataset.key = key || '';
      headerCells.push(th);
      headRow.append(th);
    }

    const search = h('input', { type: 'search', placeholder: 'Filter by name or type…', 'aria-label': 'Filter columns by name or type', id: 'column-filter' });
    const kindSelect = h('select', { 'aria-label': 'Column kind', id: 'kind-filter' },
      h('option', { value: '' }, 'All kinds'),
      KINDS.filter(k => report.columns.some(c => c.kind === k)).map(k => h('option', { value: k }, k)));
    const warnBox = h('input', { type: 'checkbox', id: 'warn-filter' });
    let timer = 0;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { state.filter = search.value; renderRows(); }, columns.length > 200 ? 120 : 40);
    });
    kindSelect.addEventListener('change', () => { state.kind = kindSelect.value; renderRows(); });
    warnBox.addEventListener('change', () => { state.onlyWarnings = warnBox.checked; renderRows(); });
    syncToolbar = () => { search.value = state.filter; kindSelect.value = state.kind; warnBox.checked = state.onlyWarnings; };

    shownLabel = h('span', { class: 'shown', 'aria-live': 'polite' });
    tbody = h('tbody');
    return h('section', { class: 'block', id: 'overview', 'aria-labelledby': 'overview-title' },
      h('h2', { id: 'overview-title' }, 'Columns'),
      h('div', { class: 'card' },
        h('div', { class: 'toolbar' }, search, kindSelect,
          h('label', { for: 'warn-filter' }, warnBox, 'With warnings only'),
          h('span', { class: 'spacer' }), shownLabel),
        h('div', { class: 'table-wrap' },
          h('table', { class: 'overview' },
            h('caption', { class: 'sr-only' }, 'All columns; open a row for its details'),
            h('thead', null, headRow), tbody))));
  }

  function sortBy(key) {
    if (state.sortKey === key) state.sortDir = -state.sortDir;
    else { state.sortKey = key; state.sortDir = key === 'nulls' || key === 'distinct' || key === 'drift' ? -1 : 1; }
    for (const th of headerCells) {
      if (!th.dataset.key) continue;
      th.setAttribute('aria-sort', th.dataset.key === key ? (state.sortDir > 0 ? 'ascending' : 'descending') : 'none');
    }
    renderRows();
  }

  // ---- Column details ------------------------------------------------------------------------------------

  function panel(title, wide, ...content) {
    return h('div', { class: 'panel' + (wide ? ' wide' : '') }, h('h3', null, title), content);
  }

  function statList(pairs) {
    const dl = h('dl', { class: 'stats' });
    for (const [label, value] of pairs) {
      if (value === null || value === undefined || value === '—') continue;
      dl.append(h('dt', null, label), h('dd', null, value));
    }
    return dl.children.length ? dl : null;
  }

  function columnDetails(col) {
    const rows = rowsOf(col);
    const body = h('div', { class: 'detail-body' });
    body.addEventListener('click', ev => ev.stopPropagation());  // clicks inside details do not close them
    const numeric = col.kind === 'numeric';
    const v = x => (typeof x === 'number' ? fmtNum(x) : x === null || x === undefined ? null : fmtText(x));
    const pctOf = n => (isNum(n) && rows ? fmtCount(n) + ' (' + fmtPct(n / rows) + ')' : isNum(n) ? fmtCount(n) : null);

    body.append(panel('Statistics', false, statList([
      ['Type', col.type],
      ['Values', fmtCount(col.count)],
      ['Nulls', isNum(col.nulls) ? fmtCount(col.nulls) + ' (' + fmtPct(col.null_fraction) + ')' : null],
      ['Empty', col.empty ? pctOf(col.empty) : null],
      ['Distinct', isNum(col.distinct) ? (col.distinct_exact === false ? '≈ ' : '') + fmtCount(col.distinct) : null],
      ['Unique', col.unique === true ? 'yes' : col.unique === false ? 'no' : null],
      ['Min', v(col.min)],
      ['Max', v(col.max)],
      ['Mean', numeric ? v(col.mean) : null],
      ['Std. deviation', numeric ? v(col.stddev) : null],
      ['Skewness', numeric ? v(col.skewness) : null],
      ['Kurtosis', numeric ? v(col.kurtosis) : null],
      ['Sum', numeric ? v(col.sum) : null],
      ['Zeros', numeric ? pctOf(col.zeros) : null],
      ['Negatives', numeric ? pctOf(col.negatives) : null]
    ])));

    const bins = col.histogram && Array.isArray(col.histogram.bins) ? col.histogram.bins : null;
    if (bins && bins.length) {
      body.append(panel('Histogram', true, histogramChart(bins, 'Histogram of ' + col.name)));
    }
    if (col.quantiles && typeof col.quantiles === 'object') body.append(quantilePanel(col));
    if (col.kind === 'boolean') body.append(booleanPanel(col, rows));
    if (col.temporal) body.append(temporalPanel(col.temporal));
    if (Array.isArray(col.top_values) && col.top_values.length) body.append(topValuesPanel(col, rows));
    if (col.length) {
      body.append(panel('Length', false, statList([
        ['Shortest', fmtNum(col.length.min)], ['Longest', fmtNum(col.length.max)], ['Mean', fmtNum(col.length.mean)]
      ])));
    }
    if (Array.isArray(col.patterns) && col.patterns.length) body.append(patternsPanel(col, rows));
    if (col.semantic_type || col.pii || (Array.isArray(col.semantic_evidence) && col.semantic_evidence.length)) {
      body.append(semanticPanel(col));
    }
    if (Array.isArray(col.warnings) && col.warnings.length) {
      body.append(panel('Warnings', false, h('ul', { class: 'warnings' }, col.warnings.map(w => h('li', null, w)))));
    }
    const drift = driftByName.get(col.name);
    if (drift) body.append(driftPanel(drift));
    return body;
  }

  /** A histogram with a y axis (counts) and x labels at the first, middle and last bin edges. */
  function histogramChart(bins, label) {
    const W = 560;
    const H = 200;
    const m = { l: 46, r: 14, t: 10, b: 36 };
    const iw = W - m.l - m.r;
    const ih = H - m.t - m.b;
    const max = Math.max(1, ...bins.map(b => b.count || 0));
    const bw = iw / bins.length;
    const root = s('svg', { class: 'chart histogram', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': label });
    for (const f of [0, 0.5, 1]) {
      const y = m.t + ih - f * ih;
      root.append(
        s('line', { class: f === 0 ? 'axis' : 'grid', x1: m.l, x2: W - m.r, y1: y, y2: y }),
        s('text', { x: m.l - 6, y: y + 3.5, 'text-anchor': 'end', text: fmtCompact(Math.round(max * f)) }));
    }
    bins.forEach((b, i) => {
      const bh = (b.count || 0) / max * ih;
      const rect = s('rect', {
        class: 'bar', x: (m.l + i * bw + 0.5).toFixed(2), y: (m.t + ih - bh).toFixed(2),
        width: Math.max(bw - 1, 0.6).toFixed(2), height: Math.max(bh, 0).toFixed(2)
      });
      rect.append(tooltip(fmtText(b.lower) + ' – ' + fmtText(b.upper) + ': ' + fmtCount(b.count)));
      root.append(rect);
    });
    const ticks = [[0, bins[0].lower, 'start']];
    if (bins.length >= 4) {
      const mid = Math.floor(bins.length / 2);
      ticks.push([mid, bins[mid].lower, 'middle']);
    }
    ticks.push([bins.length, bins[bins.length - 1].upper, 'end']);
    for (const [i, value, anchor] of ticks) {
      const x = m.l + i * bw;
      root.append(
        s('line', { class: 'axis', x1: x, x2: x, y1: m.t + ih, y2: m.t + ih + 4 }),
        s('text', { x: x, y: m.t + ih + 17, 'text-anchor': anchor, text: fmtEdge(value) }));
    }
    root.append(s('text', { x: m.l + iw / 2, y: H - 3, 'text-anchor': 'middle', text: bins.length + ' bins · hover a bar for its range' }));
    return root;
  }

  const QUANTILE_KEYS = ['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'];

  function quantilePanel(col) {
    const q = col.quantiles;
    const keys = QUANTILE_KEYS.filter(k => q[k] !== null && q[k] !== undefined);
    const table = h('table', { class: 'mini' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Quantile'), h('th', { scope: 'col', class: 'num' }, 'Value'))),
      h('tbody', null, keys.map(k => h('tr', null,
        h('th', { scope: 'row' }, k === 'p50' ? 'p50 (median)' : k),
        h('td', { class: 'num' }, typeof q[k] === 'number' ? fmtNum(q[k]) : fmtText(q[k]))))));
    const box = boxPlot(col, q);
    return panel('Quantiles', false, box, table);
  }

  /** A box plot from the quantiles: whiskers p5–p95, box p25–p75, the median, min and max as dots. */
  function boxPlot(col, q) {
    const val = x => (typeof x === 'number' ? x : typeof x === 'string' ? Date.parse(x) : NaN);
    const pts = { min: val(col.min), max: val(col.max) };
    for (const k of QUANTILE_KEYS) pts[k] = val(q[k]);
    if (![pts.p5, pts.p25, pts.p50, pts.p75, pts.p95].every(Number.isFinite)) return null;
    let lo = Number.isFinite(pts.min) ? pts.min : pts.p5;
    let hi = Number.isFinite(pts.max) ? pts.max : pts.p95;
    if (hi <= lo) { hi = lo + 1; }
    const W = 300;
    const H = 44;
    const x = v => 8 + (v - lo) / (hi - lo) * (W - 16);
    const root = s('svg', { class: 'chart boxplot', viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'Box plot of ' + col.name });
    root.append(
      s('line', { class: 'whisker', x1: x(pts.p5), x2: x(pts.p25), y1: 16, y2: 16 }),
      s('line', { class: 'whisker', x1: x(pts.p75), x2: x(pts.p95), y1: 16, y2: 16 }),
      s('line', { class: 'whisker', x1: x(pts.p5), x2: x(pts.p5), y1: 10, y2: 22 }),
      s('line', { class: 'whisker', x1: x(pts.p95), x2: x(pts.p95), y1: 10, y2: 22 }),
      s('rect', { class: 'box', x: x(pts.p25), y: 6, width: Math.max(x(pts.p75) - x(pts.p25), 1), height: 20 }),
      s('line', { class: 'median', x1: x(pts.p50), x2: x(pts.p50), y1: 6, y2: 26 }));
    if (Number.isFinite(pts.min)) root.append(s('circle', { class: 'dot', cx: x(pts.min), cy: 16, r: 2.5 }, tooltip('min')));
    if (Number.isFinite(pts.max)) root.append(s('circle', { class: 'dot', cx: x(pts.max), cy: 16, r: 2.5 }, tooltip('max')));
    root.append(
      s('text', { x: 8, y: 41, 'text-anchor': 'start', text: fmtEdge(col.min ?? q.p5) }),
      s('text', { x: W - 8, y: 41, 'text-anchor': 'end', text: fmtEdge(col.max ?? q.p95) }));
    return root;
  }

  function bars(items, total) {
    const grid = h('div', { class: 'topvals' });
    const max = Math.max(1, ...items.map(i => i.count || 0));
    for (const item of items) {
      const fill = h('span');
      fill.style.width = ((item.count || 0) / max * 100) + '%';
      grid.append(
        h('div', { class: 'v' + (item.special ? ' special' : '') + (item.mono ? ' pattern' : ''), title: item.label }, item.label),
        h('div', { class: 'track', 'aria-hidden': 'true' }, fill),
        h('div', { class: 'c' }, fmtCount(item.count) + (total ? ' · ' + fmtPct(item.count / total) : '')));
    }
    return grid;
  }

  function topValuesPanel(col, rows) {
    const items = col.top_values.map(t => {
      const l = valueLabel(t.value);
      return { label: l.text, special: l.special, count: t.count };
    });
    const shownTotal = col.top_values.reduce((a, t) => a + (t.count || 0), 0);
    const note = rows ? fmtPct(shownTotal / rows) + ' of rows in these ' + items.length + ' values' + (col.top_values_exact === false ? ' (approximate counts)' : '') : null;
    return panel('Top values', true, bars(items, rows), note ? h('p', { class: 'note' }, note) : null);
  }

  function patternsPanel(col, rows) {
    const items = col.patterns.map(p => ({ label: String(p.pattern), count: p.count, mono: true }));
    return panel('Patterns', false, bars(items, rows),
      h('p', { class: 'note' }, 'A = upper-case letter, a = lower-case, 9 = digit; other characters as they are.'));
  }

  function booleanPanel(col, rows) {
    const t = col.true_count || 0;
    const f = col.false_count || 0;
    const n = col.nulls || 0;
    const total = rows || (t + f + n) || 1;
    const split = h('div', { class: 'split', role: 'img', 'aria-label': 'true ' + t + ', false ' + f + ', null ' + n });
    for (const [cls, count] of [['t', t], ['f', f], ['n', n]]) {
      const part = h('span', { class: cls });
      part.style.width = (count / total * 100) + '%';
      split.append(part);
    }
    const legend = h('div', { class: 'legend' },
      h('span', null, h('i', { class: 'split-t' }), 'true ' + fmtCount(t) + ' (' + fmtPct(t / total) + ')'),
      h('span', null, h('i', { class: 'split-f' }), 'false ' + fmtCount(f) + ' (' + fmtPct(f / total) + ')'),
      n ? h('span', null, h('i', { class: 'split-n' }), 'null ' + fmtCount(n) + ' (' + fmtPct(n / total) + ')') : null);
    legend.querySelector('.split-t').style.background = 'var(--ok)';
    legend.querySelector('.split-f').style.background = 'var(--bad)';
    const ni = legend.querySelector('.split-n');
    if (ni) ni.style.background = 'var(--muted)';
    return panel('True / false', false, split, legend);
  }

  function temporalPanel(t) {
    let span = null;
    const a = Date.parse(t.min);
    const b = Date.parse(t.max);
    if (Number.isFinite(a) && Number.isFinite(b)) span = Math.round((b - a) / 86400000);
    const gap = t.largest_gap;
    return panel('Time range', false, statList([
      ['From', t.min ? fmtText(t.min) : null],
      ['To', t.max ? fmtText(t.max) : null],
      ['Span', span !== null ? fmtCount(span) + ' days' : null],
      ['Distinct days', isNum(t.distinct_days) ? fmtCount(t.distinct_days) : null],
      ['Days without data', span !== null && isNum(t.distinct_days) ? fmtCount(Math.max(span + 1 - t.distinct_days, 0)) : null],
      ['Largest gap', gap ? fmtCount(gap.days) + ' days' : null],
      ['Gap from', gap ? fmtText(gap.from) : null],
      ['Gap to', gap ? fmtText(gap.to) : null]
    ]));
  }

  function semanticPanel(col) {
    const conf = isNum(col.semantic_confidence) ? col.semantic_confidence : null;
    const meter = conf !== null ? h('div', { class: 'meter', 'aria-hidden': 'true' }, h('span')) : null;
    if (meter) meter.firstChild.style.width = (conf * 100) + '%';
    return panel('Semantic type', false,
      h('div', { class: 'sem-cell' },
        col.semantic_type ? h('span', { class: 'badge sem' }, col.semantic_type) : h('span', { class: 'muted' }, 'none'),
        conf !== null ? h('span', { class: 'conf' }, Math.round(conf * 100) + '% confidence') : null,
        col.pii ? h('span', { class: 'badge pii', title: 'Likely personal data' }, 'PII') : null),
      meter,
      Array.isArray(col.semantic_evidence) && col.semantic_evidence.length
        ? h('ul', { class: 'evidence' }, col.semantic_evidence.map(e => h('li', null, e))) : null);
  }

  function driftPanel(d) {
    return panel('Drift vs baseline', false,
      h('div', null, driftBadge(d)),
      statList([
        ['Nulls before', fmtPct(d.null_fraction_old)],
        ['Nulls now', fmtPct(d.null_fraction_new)],
        ['PSI', isNum(d.psi) ? fmtNum(d.psi) : null],
        ['KS statistic', isNum(d.ks) ? fmtNum(d.ks) : null],
        ['KS p-value', isNum(d.ks_p_value) ? fmtP(d.ks_p_value) : null],
        ['Chi-square', isNum(d.chi_square) ? fmtNum(d.chi_square) : null],
        ['Chi-square p-value', isNum(d.chi_square_p_value) ? fmtP(d.chi_square_p_value) : null]
      ]));
  }

  function fmtP(p) {
    if (!isNum(p)) return '—';
    return p < 0.0001 ? '<0.0001' : p.toFixed(4);
  }

  // ---- Correlations ---------------------------------------------------------------------------------------

  const METHOD_NAMES = { pearson: 'Pearson', spearman: 'Spearman', cramers_v: "Cramér's V" };

  function renderCorrelations() {
    const c = report.correlations;
    if (!c || !Array.isArray(c.values) || !c.values.length) return null;
    const methods = [];
    for (const v of c.values) if (!methods.includes(v.method)) methods.push(v.method);
    methods.sort((a, b) => Object.keys(METHOD_NAMES).indexOf(a) - Object.keys(METHOD_NAMES).indexOf(b));
    const body = h('div', { class: 'corr-body' });
    const tabs = h('div', { class: 'tabs', role: 'group', 'aria-label': 'Correlation method' });
    const select = method => {
      for (const b of tabs.children) b.setAttribute('aria-pressed', b.dataset.method === method ? 'true' : 'false');
      drawCorrelations(body, c.values.filter(v => v.method === method), method);
    };
    for (const m of methods) {
      tabs.append(h('button', { type: 'button', 'data-method': m, 'aria-pressed': 'false', onclick: () => select(m) }, METHOD_NAMES[m] || m));
    }
    const info = fmtCount(c.pairs_considered) + ' pairs considered' + (c.pairs_capped ? ' (capped: the strongest candidates only)' : '');
    const section = h('section', { class: 'block', id: 'correlations', 'aria-labelledby': 'corr-title' },
      h('h2', { id: 'corr-title' }, 'Correlations', h('span', { class: 'count' }, info)),
      h('div', { class: 'card' }, h('div', { class: 'toolbar' }, tabs), body));
    select(methods[0]);
    return section;
  }

  function drawCorrelations(body, pairs, method) {
    const order = new Map(report.columns.map((col, i) => [col.name, i]));
    const names = [];
    for (const p of pairs) for (const n of [p.a, p.b]) if (!names.includes(n)) names.push(n);
    names.sort((a, b) => (order.get(a) ?? 1e9) - (order.get(b) ?? 1e9));
    const parts = [];
    if (names.length >= 2 && names.length <= HEATMAP_MAX) parts.push(h('div', null, heatmap(names, pairs, method)));
    parts.push(pairsTable(pairs, method));
    body.classList.toggle('single', parts.length === 1);
    body.replaceChildren(...parts);
  }

  function corrColor(v, method) {
    // Signed methods: blue for positive, red for negative; Cramér's V is 0..1, blue only.
    const a = Math.min(Math.abs(v), 1);
    const hue = v < 0 && method !== 'cramers_v' ? 355 : 218;
    return 'hsla(' + hue + ', 72%, 52%, ' + (0.08 + a * 0.92).toFixed(3) + ')';
  }

  function heatmap(names, pairs, method) {
    const n = names.length;
    const cell = n <= 10 ? 34 : n <= 20 ? 24 : 18;
    const label = Math.min(150, 12 + Math.max(...names.map(x => Math.min(String(x).length, 22))) * 6.4);
    const W = label + n * cell + 8;
    const H = label + n * cell + 8;
    const idx = new Map(names.map((x, i) => [x, i]));
    const root = s('svg', { class: 'heatmap', viewBox: '0 0 ' + W + ' ' + H, width: W, role: 'img', 'aria-label': (METHOD_NAMES[method] || method) + ' correlation heatmap' });
    names.forEach((name, i) => {
      const short = shorten(String(name), 22);
      root.append(
        s('text', { x: label - 6, y: label + i * cell + cell / 2 + 4, 'text-anchor': 'end', text: short }, tooltip(String(name))),
        s('text', {
          x: 0, y: 0, 'text-anchor': 'start', text: short,
          transform: 'translate(' + (label + i * cell + cell / 2 + 4) + ',' + (label - 6) + ') rotate(-60)'
        }, tooltip(String(name))));
    });
    const grid = new Map();
    for (const p of pairs) {
      grid.set(idx.get(p.a) + ',' + idx.get(p.b), p.value);
      grid.set(idx.get(p.b) + ',' + idx.get(p.a), p.value);
    }
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const x = label + c * cell;
        const y = label + r * cell;
        const value = r === c ? 1 : grid.get(r + ',' + c);
        if (value === undefined || value === null) {
          root.append(s('rect', { class: 'empty', x: x + 1, y: y + 1, width: cell - 2, height: cell - 2, rx: 2 }, tooltip(names[r] + ' × ' + names[c] + ': not computed')));
          continue;
        }
        const rect = s('rect', { x: x + 1, y: y + 1, width: cell - 2, height: cell - 2, rx: 2, fill: corrColor(value, method) },
          tooltip(names[r] + ' × ' + names[c] + ': ' + value.toFixed(3)));
        root.append(rect);
        if (cell >= 30 && r !== c) root.append(s('text', { class: 'cellv', x: x + cell / 2, y: y + cell / 2 + 3.5, 'text-anchor': 'middle', text: value.toFixed(2) }));
      }
    }
    const scale = h('div', { class: 'scale' }, method === 'cramers_v' ? '0' : '−1', h('span', { class: 'grad' }), '1');
    scale.querySelector('.grad').style.background = method === 'cramers_v'
      ? 'linear-gradient(90deg, ' + corrColor(0, method) + ', ' + corrColor(1, method) + ')'
      : 'linear-gradient(90deg, ' + corrColor(-1, method) + ', ' + corrColor(0, method) + ', ' + corrColor(1, method) + ')';
    const wrap = h('div', null, root, scale);
    return wrap;
  }

  function pairsTable(pairs, method) {
    const sorted = pairs.slice().sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
    const tbodyEl = h('tbody');
    let shown = 0;
    const more = h('button', { class: 'more', type: 'button' });
    const fill = count => {
      const end = Math.min(sorted.length, count);
      const frag = document.createDocumentFragment();
      for (; shown < end; shown++) {
        const p = sorted[shown];
        frag.append(h('tr', null,
          h('td', null, columnLink(p.a)),
          h('td', null, columnLink(p.b)),
          h('td', { class: 'num' }, h('span', { class: 'corr-val ' + (p.value < 0 ? 'neg' : 'pos') }, fmtSigned(p.value)))));
      }
      tbodyEl.append(frag);
      more.hidden = shown >= sorted.length;
      more.textContent = 'Show all ' + fmtCount(sorted.length) + ' pairs';
    };
    more.addEventListener('click', () => fill(sorted.length));
    fill(PAIRS_SHOWN);
    return h('div', null,
      h('div', { class: 'table-wrap' }, h('table', { class: 'mini pairs' },
        h('caption', { class: 'sr-only' }, 'Strongest ' + (METHOD_NAMES[method] || method) + ' pairs'),
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Column'),
          h('th', { scope: 'col', class: 'num' }, METHOD_NAMES[method] || method))),
        tbodyEl)),
      more);
  }

  function fmtSigned(v) {
    return isNum(v) ? (v < 0 ? '−' : '') + Math.abs(v).toFixed(3) : '—';
  }

  const indexByName = new Map(report.columns.map((col, i) => [col.name, i]));

  /** A column's name as a button that opens its details in the overview (plain text when it is not there). */
  function columnLink(name) {
    const index = indexByName.get(name);
    if (index === undefined) return h('span', null, String(name));
    return h('button', { class: 'link', type: 'button', onclick: () => revealColumn(index) }, String(name));
  }

  // ---- Comparison ------------------------------------------------------------------------------------------

  function renderComparison() {
    if (!comparison) return null;
    const th = comparison.thresholds || {};
    const summary = h('div', { class: 'cmp-summary' },
      [['Baseline', comparison.baseline || '—'],
        ['Rows then → now', fmtCount(comparison.baseline_rows) + ' → ' + fmtCount(report.rows)],
        ['Drifted columns', fmtCount(comparison.drifted_columns)],
        ['Schema changes', fmtCount(Array.isArray(comparison.schema_changes) ? comparison.schema_changes.length : 0)],
        ['Thresholds', 'PSI ' + fmtNum(th.psi_moderate) + ' / ' + fmtNum(th.psi_significant) + ' · p < ' + fmtNum(th.p_value)]]
        .map(([label, value]) => h('div', null, h('span', { class: 'label' }, label), h('span', { class: 'value' }, value))));

    const changes = Array.isArray(comparison.schema_changes) ? comparison.schema_changes : [];
    const changeNames = { added: 'added', removed: 'removed', type_changed: 'type changed' };
    const schemaPart = h('div', { class: 'cmp-part', id: 'schema-changes' }, h('h3', null, 'Schema changes'),
      changes.length
        ? h('table', { class: 'mini' },
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Column'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Type'))),
          h('tbody', null, changes.map(c => h('tr', null,
            h('td', null, columnLink(c.column)),
            h('td', null, h('span', { class: 'badge change-' + c.change }, changeNames[c.change] || c.change)),
            h('td', { class: 'type mono' }, c.change === 'type_changed' ? (c.old_type || '?') + ' → ' + (c.new_type || '?') : '')))))
        : h('p', { class: 'note' }, 'None: the same columns with the same types.'));

    const driftRows = Array.isArray(comparison.columns) ? comparison.columns.slice() : [];
    driftRows.sort((a, b) => ((DRIFT_RANK[b.drift] || 0) - (DRIFT_RANK[a.drift] || 0)) || ((b.psi || 0) - (a.psi || 0)));
    const onlyDrifted = h('input', { type: 'checkbox', id: 'drift-only' });
    const body = h('tbody');
    const draw = () => {
      const list = onlyDrifted.checked ? driftRows.filter(d => d.drift && d.drift !== 'none') : driftRows;
      body.replaceChildren(...list.map(d => {
        const change = d.null_fraction_change;
        return h('tr', { class: 'drift-' + (d.drift || 'none') },
          h('th', { scope: 'row' }, columnLink(d.name)),
          h('td', { class: 'num' }, fmtPct(d.null_fraction_old) + ' → ' + fmtPct(d.null_fraction_new)),
          h('td', { class: 'num' + (isNum(change) && change > 0 ? ' delta-up' : isNum(change) && change < 0 ? ' delta-down' : '') },
            isNum(change) ? (change > 0 ? '+' : change < 0 ? '−' : '') + (Math.abs(change) * 100).toFixed(2) + ' pt' : '—'),
          h('td', { class: 'num' }, isNum(d.psi) ? fmtNum(d.psi) : '—'),
          h('td', { class: 'num' }, isNum(d.ks) ? fmtNum(d.ks) : '—'),
          h('td', { class: 'num' }, fmtP(d.ks_p_value)),
          h('td', { class: 'num' }, isNum(d.chi_square) ? fmtNum(d.chi_square) : '—'),
          h('td', { class: 'num' }, fmtP(d.chi_square_p_value)),
          h('td', null, driftBadge(d)));
      }));
      if (!list.length) body.append(h('tr', { class: 'empty-row' }, h('td', { colspan: 9 }, 'No column drifted.')));
    };
    onlyDrifted.addEventListener('change', draw);
    draw();
    const driftPart = h('div', { class: 'cmp-part' },
      h('h3', null, 'Distribution drift per column'),
      h('div', { class: 'toolbar' }, h('label', { for: 'drift-only' }, onlyDrifted, 'Drifted columns only')),
      h('div', { class: 'table-wrap' }, h('table', { class: 'drift' },
        h('caption', { class: 'sr-only' }, 'Drift of each column against the baseline'),
        h('thead', null, h('tr', null, ['Column', 'Nulls then → now', 'Null change', 'PSI', 'KS', 'KS p', 'Chi-square', 'Chi-square p', 'Drift']
          .map((t, i) => h('th', { scope: 'col', class: i >= 1 && i <= 7 ? 'num' : null }, t)))),
        body)));

    return h('section', { class: 'block', id: 'comparison', 'aria-labelledby': 'cmp-title' },
      h('h2', { id: 'cmp-title' }, 'Comparison with the baseline'),
      h('div', { class: 'card' }, summary, schemaPart, driftPart));
  }

  // ---- Warnings ----------------------------------------------------------------------------------------------

  function renderWarnings() {
    const items = [];
    for (const w of Array.isArray(report.warnings) ? report.warnings : []) items.push(h('li', null, w));
    columns.forEach(e => {
      for (const w of Array.isArray(e.col.warnings) ? e.col.warnings : []) {
        items.push(h('li', null, columnLink(e.col.name), ': ', w));
      }
    });
    return h('section', { class: 'block', id: 'warnings', 'aria-labelledby': 'warn-title' },
      h('h2', { id: 'warn-title' }, 'Warnings', h('span', { class: 'count' }, fmtCount(items.length))),
      h('div', { class: 'card' }, items.length ? h('ul', { class: 'warnings' }, items) : h('p', { class: 'note cmp-part' }, 'No warnings.')));
  }

  // ---- Page ----------------------------------------------------------------------------------------------------

  const page = h('div', { class: 'page' },
    renderHeader(),
    renderNav(),
    renderOverview(),
    renderCorrelations(),
    renderComparison(),
    renderWarnings(),
    h('footer', { class: 'foot' }, 'Made by DatumSync · report schema v' + (report.schema_version ?? '?') +
      ' · self-contained: this file loads nothing from the network'));
  app.replaceChildren(page);
  renderRows();
  // For tests and scripts: the page answers clicks from here on (and how long that took since navigation).
  document.documentElement.setAttribute('data-ready', 'true');
  document.documentElement.setAttribute('data-ready-ms', String(Math.round(performance.now())));
})();
