/**
 * The page's script (plain ES2017, no library): decodes the findings, shows those the filters keep
 * (the filters are kept in the URL's hash, so a link opens the same view), and makes the graphs
 * answer clicks and keys. Values from the report are set as text, never as markup.
 */
export const SCRIPT = `
(function () {
  'use strict';
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  var PAGE = 500;
  var form = document.getElementById('filters');
  var body = document.querySelector('#findings tbody');
  var data = null;
  var limit = PAGE;
  var baseline = document.body.dataset.baseline === '1';

  function decode(text) {
    var raw = atob(text), bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }

  function readForm() {
    var state = { severity: [], theme: '', check: '', namespace: '', status: '', sort: 'object' };
    form.querySelectorAll('input[name=severity]').forEach(function (box) { if (box.checked) state.severity.push(box.value); });
    ['theme', 'check', 'namespace', 'status', 'sort'].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) state[name] = field.value;
    });
    return state;
  }

  function writeForm(params) {
    var severity = params.get('severity');
    form.querySelectorAll('input[name=severity]').forEach(function (box) {
      box.checked = severity === null || severity.split(',').indexOf(box.value) >= 0;
    });
    ['theme', 'check', 'namespace', 'status', 'sort'].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      var wanted = params.get(name) || '';
      var known = Array.prototype.some.call(field.options, function (option) { return option.value === wanted; });
      field.value = known ? wanted : field.options[0].value;
    });
  }

  function hashOf(state) {
    var params = new URLSearchParams();
    if (state.severity.length !== SEVERITIES.length) params.set('severity', state.severity.join(','));
    ['theme', 'check', 'namespace', 'status'].forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    if (state.sort !== 'object') params.set('sort', state.sort);
    var text = params.toString();
    return text ? '#' + text : '';
  }

  function cell(row, text, className) {
    var td = document.createElement('td');
    if (className) td.className = className;
    if (text !== undefined) td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    if (!data) return;
    var state = readForm();
    var wanted = {};
    state.severity.forEach(function (s) { wanted[SEVERITIES.indexOf(s)] = true; });
    var theme = state.theme ? data.themeIds.indexOf(state.theme) : -1;
    var shown = [];
    for (var i = 0; i < data.rows.length; i++) {
      var r = data.rows[i], object = data.objects[r[2]];
      if (!wanted[r[1]]) continue;
      if (theme >= 0 && data.themes[i] !== theme) continue;
      if (state.check && data.checks[r[0]][0] !== state.check) continue;
      if (state.namespace && (object[1] || '-') !== state.namespace) continue;
      if (state.status === 'new' && r[6] !== 0) continue;
      if (state.status === 'baseline' && r[6] !== 2) continue;
      shown.push(i);
    }
    if (state.sort === 'severity' || baseline)
      shown.sort(function (a, b) {
        var x = data.rows[a], y = data.rows[b];
        return (baseline ? (x[6] === 0 ? 0 : 1) - (y[6] === 0 ? 0 : 1) : 0) ||
          (state.sort === 'severity' ? x[1] - y[1] : 0) || a - b;
      });
    var fragment = document.createDocumentFragment();
    shown.slice(0, limit).forEach(function (i) {
      var r = data.rows[i], check = data.checks[r[0]], object = data.objects[r[2]];
      var row = document.createElement('tr');
      row.dataset.severity = SEVERITIES[r[1]];
      if (r[6] !== 0) row.className = 'suppressed';
      var sev = cell(row), badge = document.createElement('span');
      badge.className = 'sev ' + SEVERITIES[r[1]];
      badge.textContent = SEVERITIES[r[1]];
      sev.appendChild(badge);
      if (baseline && r[6] === 0) { var isNew = document.createElement('span'); isNew.className = 'new'; isNew.textContent = 'new'; sev.appendChild(document.createTextNode(' ')); sev.appendChild(isNew); }
      var link = document.createElement('a');
      link.href = check[3];
      link.textContent = check[0];
      link.title = check[1];
      var code = document.createElement('code');
      code.appendChild(link);
      cell(row).appendChild(code);
      cell(row, object[0] + ' ' + (object[1] ? object[1] + '/' : '') + object[2]);
      var where = cell(row, object[3] + (r[3] ? ':' + r[3] + ':' + r[4] : ''), 'where');
      if (data.fields[r[7]]) { var field = document.createElement('code'); field.textContent = data.fields[r[7]]; where.appendChild(document.createElement('br')); where.appendChild(field); }
      var message = cell(row, r[5]);
      if (check[2]) { var small = document.createElement('small'); small.textContent = check[2]; message.appendChild(document.createElement('br')); message.appendChild(small); }
      fragment.appendChild(row);
    });
    body.replaceChildren(fragment);
    document.getElementById('visible').textContent = String(Math.min(limit, shown.length)) + (shown.length > limit ? ' (of ' + shown.length + ' matching)' : '');
    var more = document.getElementById('more');
    more.hidden = shown.length <= limit;
  }

  function changed() {
    limit = PAGE;
    var hash = hashOf(readForm());
    history.replaceState(null, '', hash || location.pathname + location.search);
    render();
  }

  function isFilter(hash) { return hash.length <= 1 || hash.indexOf('=') >= 0; }

  function fromHash() {
    if (!isFilter(location.hash)) return;
    writeForm(new URLSearchParams(location.hash.slice(1)));
    limit = PAGE;
    render();
  }

  form.addEventListener('change', changed);
  document.getElementById('reset-filters').addEventListener('click', function () { writeForm(new URLSearchParams()); changed(); });
  document.getElementById('more').addEventListener('click', function () { limit += PAGE; render(); });
  window.addEventListener('hashchange', fromHash);
  if (isFilter(location.hash)) writeForm(new URLSearchParams(location.hash.slice(1)));

  // Graphs: select a node to highlight its edges, an edge to read why it is allowed.
  var explanations = JSON.parse((document.getElementById('explanations') || { textContent: '{}' }).textContent);
  function clear(svg) {
    svg.classList.remove('focus');
    svg.querySelectorAll('.selected,.hl').forEach(function (el) { el.classList.remove('selected', 'hl'); });
  }
  function selectNode(node) {
    var svg = node.ownerSVGElement, id = node.dataset.id;
    var again = node.classList.contains('selected');
    clear(svg);
    if (again) return;
    if (node.classList.contains('namespace')) return openNamespace(id);
    svg.classList.add('focus');
    node.classList.add('selected');
    var reached = {}; reached[id] = true;
    var downstream = svg.id === 'attack-graph', queue = [id];
    while (queue.length > 0) {
      var at = queue.shift();
      svg.querySelectorAll('.edge').forEach(function (edge) {
        var from = edge.dataset.source, to = edge.dataset.destination;
        if (from === at || (!downstream && to === at)) {
          edge.classList.add('hl');
          var other = from === at ? to : from;
          if (!reached[other]) { reached[other] = true; if (downstream) queue.push(other); }
        }
      });
    }
    svg.querySelectorAll('.node').forEach(function (other) { if (reached[other.dataset.id] && other !== node) other.classList.add('hl'); });
  }
  function selectEdge(edge) {
    var svg = edge.ownerSVGElement;
    clear(svg);
    svg.classList.add('focus');
    edge.classList.add('hl');
    if (svg.id === 'attack-graph') return;
    var pairs = [[edge.dataset.source, edge.dataset.destination]];
    if (edge.dataset.both) pairs.push([edge.dataset.destination, edge.dataset.source]);
    document.getElementById('explain-title').textContent = edge.dataset.source + (edge.dataset.both ? ' \\u2194 ' : ' \\u2192 ') + edge.dataset.destination;
    document.getElementById('explain-text').textContent = pairs.map(function (pair) {
      var key = pair[0] + ' \\u2192 ' + pair[1];
      return '$ kubeward netpol explain ' + pair[0] + ' ' + pair[1] + '\\n' + (explanations[key] || 'not precomputed for this report\\n');
    }).join('\\n');
    document.getElementById('explain-panel').hidden = false;
  }
  var drawings = null;
  function openNamespace(namespace) {
    if (drawings === null) drawings = JSON.parse((document.getElementById('namespace-drawings') || { textContent: '{}' }).textContent);
    var drawing = drawings[namespace];
    if (drawing === undefined) return;
    document.getElementById('namespace-title').textContent = 'namespace ' + namespace;
    // The drawing is the report's own SVG, its text escaped when the report was made.
    document.getElementById('namespace-graph').innerHTML = drawing;
    document.getElementById('namespace-panel').hidden = false;
  }
  function activate(target) {
    var el = target.closest && target.closest('svg.graph g[role=button]');
    if (!el) return false;
    if (el.classList.contains('edge')) selectEdge(el); else selectNode(el);
    return true;
  }
  document.addEventListener('click', function (event) { activate(event.target); });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') { document.querySelectorAll('svg.graph').forEach(clear); document.getElementById('explain-panel') && (document.getElementById('explain-panel').hidden = true); return; }
    if ((event.key === 'Enter' || event.key === ' ') && activate(event.target)) event.preventDefault();
  });

  var source = document.getElementById('findings-data');
  decode(source.textContent.trim()).then(function (decoded) {
    data = decoded;
    data.themeIds = JSON.parse(document.getElementById('theme-ids').textContent);
    render();
    document.body.dataset.ready = '1';
  }, function (error) {
    document.getElementById('visible').textContent = 'findings could not be read: ' + error;
    document.body.dataset.ready = 'error';
  });
})();
`;
