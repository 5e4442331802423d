(function () {
  // The same rule as CatalogQuery.matches: every filter holds and every word occurs in the text.
  var data = JSON.parse(document.getElementById('search-index').textContent);
  var rows = document.querySelectorAll('#products tbody tr');
  var box = document.getElementById('q');
  var selects = document.querySelectorAll('select[data-key]');
  var count = document.getElementById('count');
  var none = document.getElementById('none');
  function holds(value, wanted) {
    return Array.isArray(value) ? value.indexOf(wanted) >= 0 : value === wanted;
  }
  function apply() {
    var words = box.value.toLowerCase().trim().split(/\s+/).filter(function (w) { return w.length > 0; });
    var filters = [];
    for (var s = 0; s < selects.length; s++) {
      if (selects[s].value) filters.push([selects[s].getAttribute('data-key'), selects[s].value]);
    }
    var shown = 0;
    for (var i = 0; i < data.length; i++) {
      var d = data[i], ok = true;
      for (var f = 0; ok && f < filters.length; f++) ok = holds(d[filters[f][0]], filters[f][1]);
      for (var w = 0; ok && w < words.length; w++) ok = d.t.indexOf(words[w]) >= 0;
      rows[i].hidden = !ok;
      if (ok) shown++;
    }
    var all = data.length + (data.length === 1 ? ' product' : ' products');
    count.textContent = shown === data.length ? all : shown + ' of ' + all;
    none.hidden = shown > 0;
  }
  box.addEventListener('input', apply);
  for (var s = 0; s < selects.length; s++) selects[s].addEventListener('change', apply);
  document.getElementById('clear').addEventListener('click', function () {
    box.value = '';
    for (var s = 0; s < selects.length; s++) selects[s].value = '';
    apply();
    box.focus();
  });
  apply();
})();
