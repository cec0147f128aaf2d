/**
 * The review page's script, inlined into the page: navigation between changes (j/n, k/p, buttons),
 * filters by kind and by rule, "changes only", folds, and permalinks (the URL fragment names a
 * change `#c12` or a line `#L40` / `#X52`; opening such a link unfolds and shows it). Plain ES5
 * with no dependency; the DOM is its only data. test/review/browser.test.ts drives it in Chromium.
 */

/** The script text. */
export const CLIENT_SCRIPT = `
(function () {
  'use strict';
  var $ = function (id) { return document.getElementById(id); };
  var table = $('sbs');
  if (!table) return;
  var heads = Array.prototype.slice.call(table.querySelectorAll('div.seg.head'));
  var parts = {};
  Array.prototype.forEach.call(table.querySelectorAll('div.seg[data-c]'), function (tb) {
    (parts[tb.getAttribute('data-c')] = parts[tb.getAttribute('data-c')] || []).push(tb);
  });
  var shown = heads.slice();
  var cur = -1; // index into heads

  function unhide(el) {
    for (var n = el; n && n !== table; n = n.parentNode) {
      if (n.hidden && n.id) openFold(n.id);
    }
  }
  function openFold(id) {
    var tb = $(id);
    if (!tb) return;
    tb.hidden = false;
    var btn = table.querySelector('button[data-fold="' + id + '"]');
    if (btn) btn.closest('.fold').remove();
  }
  function setHash(id) {
    try { history.replaceState(null, '', '#' + id); } catch (e) { /* file:// in some browsers */ }
  }
  function mark(i, scroll) {
    if (cur >= 0) (parts[heads[cur].getAttribute('data-c')] || []).forEach(function (tb) { tb.classList.remove('cur'); });
    cur = i;
    var h = heads[i];
    (parts[h.getAttribute('data-c')] || []).forEach(function (tb) { tb.classList.add('cur'); });
    var k = shown.indexOf(h);
    $('pos').textContent = k >= 0 ? String(k + 1) : '–';
    if (scroll) h.scrollIntoView({ block: 'center' });
  }
  function go(step) {
    if (!shown.length) return;
    var k;
    if (cur < 0) k = step > 0 ? 0 : shown.length - 1;
    else {
      k = -1;
      for (var j = 0; j < shown.length; j++) {
        var at = heads.indexOf(shown[j]);
        if (step > 0 && at > cur) { k = j; break; }
        if (step < 0 && at < cur) k = j;
      }
      if (k < 0) return;
    }
    mark(heads.indexOf(shown[k]), true);
    setHash(shown[k].id);
  }
  function filter() {
    var kinds = {};
    Array.prototype.forEach.call(document.querySelectorAll('input.fk'), function (c) { kinds[c.value] = c.checked; });
    var rule = $('fr').value;
    shown = heads.filter(function (h) {
      var ks = h.getAttribute('data-k').split(' ');
      var rs = h.getAttribute('data-r').split(' ');
      var ok = ks.some(function (k) { return kinds[k]; }) && (!rule || rs.indexOf(rule) >= 0);
      (parts[h.getAttribute('data-c')] || []).forEach(function (tb) { tb.classList.toggle('dim', !ok); });
      return ok;
    });
    $('tot').textContent = String(shown.length);
    $('pos').textContent = cur >= 0 && shown.indexOf(heads[cur]) >= 0 ? String(shown.indexOf(heads[cur]) + 1) : '–';
  }
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && $(id);
    if (!el) return;
    unhide(el);
    var old = table.querySelector('tr.tgt');
    if (old) old.classList.remove('tgt');
    if (el.tagName === 'TD' || el.tagName === 'TH') el.parentNode.classList.add('tgt');
    var tb = el.closest && el.closest('div.seg[data-c]');
    if (tb) mark(heads.indexOf(parts[tb.getAttribute('data-c')][0]), false);
    var details = el.closest && el.closest('details');
    if (details) details.open = true;
    el.scrollIntoView({ block: 'center' });
  }

  $('next').addEventListener('click', function () { go(1); });
  $('prev').addEventListener('click', function () { go(-1); });
  Array.prototype.forEach.call(document.querySelectorAll('input.fk'), function (c) { c.addEventListener('change', filter); });
  $('fr').addEventListener('change', function () { filter(); cur = -1; go(1); });
  $('only').addEventListener('change', function () { table.classList.toggle('only', this.checked); });
  $('unfold-all').addEventListener('click', function () {
    Array.prototype.forEach.call(table.querySelectorAll('div.seg.folded[hidden]'), function (tb) { openFold(tb.id); });
  });
  table.addEventListener('click', function (ev) {
    var t = ev.target;
    if (t.matches('button.unfold')) openFold(t.getAttribute('data-fold'));
    else if (t.tagName === 'TH' && t.id) { setHash(t.id); follow(); }
  });
  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (!t.matches('button.only-rule')) return;
    $('fr').value = t.getAttribute('data-rule');
    filter();
    cur = -1;
    go(1);
  });
  document.addEventListener('keydown', function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target || {};
    if (t.tagName === 'SELECT' || t.tagName === 'TEXTAREA' || (t.tagName === 'INPUT' && !/^(checkbox|radio|button)$/.test(t.type))) return;
    if (ev.key === 'j' || ev.key === 'n') { go(1); ev.preventDefault(); }
    else if (ev.key === 'k' || ev.key === 'p') { go(-1); ev.preventDefault(); }
  });
  window.addEventListener('hashchange', follow);
  filter();
  if (location.hash) {
    follow();
    // The browser scrolls to the fragment itself once loaded; show it centred, as navigation does.
    window.addEventListener('load', function () { setTimeout(follow, 0); });
  }
})();
`;
