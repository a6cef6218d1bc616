// The stage graph page: draws what the extension posts ({ graph, sizes }) as SVG, one row per
// BuildKit level, and posts back clicks, menu actions, exports and what it drew. No libraries.
(function () {
  const vscode = acquireVsCodeApi();
  const NS = 'http://www.w3.org/2000/svg';
  const W = 190, H = 58, GAP_X = 28, GAP_Y = 64, PAD = 24;
  const EDGE_LABEL = { from: 'FROM', 'copy-from': 'COPY', 'mount-from': 'mount' };
  const root = document.getElementById('graph');
  const menu = document.getElementById('menu');
  const summary = document.getElementById('summary');
  let current = null;
  let positions = [];
  let menuFor = -1;

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, cls, value, max) {
    const t = el('text', { x, y, class: cls }, parent);
    t.textContent = value.length > max ? value.slice(0, max - 1) + '…' : value;
    return t;
  }

  function draw(graph, sizes) {
    current = graph;
    root.textContent = '';
    const rows = [];
    for (const s of graph.stages) (rows[s.level] = rows[s.level] || []).push(s);
    const filled = rows.map((r) => r || []);
    const widest = Math.max(1, ...filled.map((r) => r.length));
    const width = PAD * 2 + widest * W + (widest - 1) * GAP_X;
    const height = PAD * 2 + filled.length * H + Math.max(0, filled.length - 1) * GAP_Y;
    const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'presentation', xmlns: NS });
    const defs = el('defs', {}, svg);
    const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    el('path', { d: 'M 0 0 L 10 5 L 0 10 z' }, marker);
    positions = [];
    filled.forEach((row, level) => {
      const rowWidth = row.length * W + (row.length - 1) * GAP_X;
      const x0 = (width - rowWidth) / 2;
      row.forEach((s, i) => (positions[s.index] = { x: x0 + i * (W + GAP_X), y: PAD + level * (H + GAP_Y), level, col: i }));
    });
    const edges = el('g', { class: 'edges' }, svg);
    for (const e of graph.edges) {
      const a = positions[e.to], b = positions[e.from];
      if (!a || !b) continue;
      const x1 = a.x + W / 2, y1 = a.y + H, x2 = b.x + W / 2, y2 = b.y;
      const g = el('g', { class: `edge ${e.kind}` }, edges);
      const my = (y1 + y2) / 2;
      el('path', { d: `M ${x1} ${y1} C ${x1} ${my}, ${x2} ${my}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }, g);
      const label = EDGE_LABEL[e.kind] || e.kind;
      const lx = (x1 + x2) / 2, ly = my;
      el('rect', { x: lx - label.length * 3.3 - 3, y: ly - 8, width: label.length * 6.6 + 6, height: 13 }, g);
      text(g, lx - label.length * 3.3, ly + 2, 'edge-label', label, 12);
    }
    const nodes = el('g', { class: 'nodes' }, svg);
    for (const s of graph.stages) {
      const p = positions[s.index];
      const cls = ['node', s.index === graph.target ? 'target' : '', s.reachable ? 'needed' : 'unused'].join(' ');
      const g = el('g', { class: cls, transform: `translate(${p.x},${p.y})`, tabindex: 0, role: 'treeitem', 'data-index': s.index, 'data-stage': s.label,
        'aria-label': `${s.name || 'stage ' + s.index}, from ${s.baseImage || 'nothing'}${sizes[s.index] ? ', ' + sizes[s.index] : ''}${s.index === graph.target ? ', build target' : s.reachable ? ', needed by the target' : ', not needed by the target'}` }, nodes);
      el('rect', { width: W, height: H, rx: 4 }, g);
      text(g, 10, 19, 'name', (s.index === graph.target ? '◎ ' : '') + (s.name || `stage ${s.index}`), 24);
      text(g, 10, 36, 'base', s.baseImage || '(no base)', 30);
      if (sizes[s.index]) text(g, 10, 51, 'size', sizes[s.index], 20);
      else if (!s.reachable) text(g, 10, 51, 'base', 'not needed by the target', 30);
      g.addEventListener('click', () => vscode.postMessage({ type: 'reveal', index: s.index }));
      g.addEventListener('contextmenu', (ev) => { ev.preventDefault(); openMenu(s.index, ev.clientX, ev.clientY); });
      g.addEventListener('keydown', (ev) => onKey(ev, s.index));
    }
    root.appendChild(svg);
    const needed = graph.stages.filter((s) => s.reachable).length;
    summary.textContent = `${graph.stages.length} stages · ${needed} needed by the target · ${filled.length} levels`;
    // What is really in the page (not what was meant to be): the test reads this.
    const inPage = [...root.querySelectorAll('.node')].map((n) => n.getAttribute('data-stage'));
    vscode.postMessage({ type: 'rendered', version: graph.version, nodes: inPage, target: graph.stages[graph.target] ? graph.stages[graph.target].label : undefined });
  }

  function nodeEl(index) { return root.querySelector(`.node[data-index="${index}"]`); }

  function onKey(ev, index) {
    if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); vscode.postMessage({ type: 'reveal', index }); return; }
    if (ev.key === 'ContextMenu' || (ev.key === 'F10' && ev.shiftKey)) {
      ev.preventDefault();
      const r = nodeEl(index).getBoundingClientRect();
      openMenu(index, r.left + 20, r.top + H / 2);
      return;
    }
    const p = positions[index];
    let best = -1, bestScore = Infinity;
    const dir = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] }[ev.key];
    if (!dir) return;
    ev.preventDefault();
    positions.forEach((q, i) => {
      if (!q || i === index) return;
      const dx = q.x - p.x, dy = q.y - p.y;
      if ((dir[0] && Math.sign(dx) !== dir[0]) || (dir[1] && Math.sign(dy) !== dir[1])) return;
      if (dir[0] && dy !== 0) return;
      const score = Math.abs(dx) + Math.abs(dy) * 2;
      if (score < bestScore) { bestScore = score; best = i; }
    });
    if (best >= 0) nodeEl(best).focus();
  }

  function openMenu(index, x, y) {
    menuFor = index;
    const s = current.stages[index];
    const set = (action, enabled, label) => {
      const b = menu.querySelector(`[data-action="${action}"]`);
      b.disabled = !enabled;
      b.hidden = enabled === null;
      if (label) b.textContent = label;
    };
    set('build', s.buildable, s.isLast ? 'Build image' : 'Build');
    set('shell', s.noShell ? null : s.buildable);
    set('inspect', s.noShell ? s.buildable : null);
    set('target', !!s.name || s.isLast);
    menu.hidden = false;
    menu.style.left = `${x}px`;
    menu.style.top = `${y}px`;
    const first = menu.querySelector('button:not([disabled]):not([hidden])');
    if (first) first.focus();
  }
  function closeMenu(refocus) {
    if (menu.hidden) return;
    menu.hidden = true;
    if (refocus && menuFor >= 0 && nodeEl(menuFor)) nodeEl(menuFor).focus();
    menuFor = -1;
  }
  menu.addEventListener('click', (ev) => {
    const b = ev.target.closest('button');
    if (!b || b.disabled) return;
    vscode.postMessage({ type: 'action', action: b.dataset.action, index: menuFor });
    closeMenu(true);
  });
  menu.addEventListener('keydown', (ev) => {
    const items = [...menu.querySelectorAll('button:not([disabled]):not([hidden])')];
    const at = items.indexOf(document.activeElement);
    if (ev.key === 'Escape') { ev.preventDefault(); closeMenu(true); }
    else if (ev.key === 'ArrowDown') { ev.preventDefault(); items[(at + 1) % items.length].focus(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); items[(at - 1 + items.length) % items.length].focus(); }
  });
  document.addEventListener('click', (ev) => { if (!menu.contains(ev.target)) closeMenu(false); });

  // Export: the SVG with the theme's colours written in (the file is read outside VS Code).
  function svgForExport() {
    const svg = root.querySelector('svg');
    if (!svg) return '';
    const copy = svg.cloneNode(true);
    const live = svg.querySelectorAll('*');
    copy.querySelectorAll('*').forEach((node, i) => {
      const cs = getComputedStyle(live[i]);
      const style = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-weight', 'font-family'].map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
      node.setAttribute('style', style);
      node.removeAttribute('tabindex');
    });
    return new XMLSerializer().serializeToString(copy);
  }
  document.getElementById('export-svg').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg', svg: svgForExport() }));
  document.getElementById('export-mermaid').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'mermaid' }));

  window.addEventListener('message', (ev) => {
    const m = ev.data;
    if (m && m.type === 'graph') {
      const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.index : undefined;
      draw(m.graph, m.sizes || {});
      if (focused !== undefined && nodeEl(focused)) nodeEl(focused).focus();
    }
  });
  vscode.postMessage({ type: 'ready' });
})();
