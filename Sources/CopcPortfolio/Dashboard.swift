import CopcFrench
import CopcDiagnostics

extension Portfolio {
    /// The dashboard's additions to the shared stylesheet: key figures as tiles, the contracts'
    /// table compact and scrolling sideways on a screen, laid out as one card per row on a
    /// phone, whole when printed. Alerts carry a mark (`▲`) and a border, not a colour alone.
    static let css = """
    .chiffres { display: flex; flex-wrap: wrap; gap: .6rem; margin: 1rem 0; padding: 0; }
    .chiffre { border: 1px solid var(--filet); border-radius: .3rem; padding: .4rem .8rem; min-width: 9rem; flex: 1 1 9rem; }
    .chiffre dt { font-size: .8rem; color: var(--discret); }
    .chiffre dd { margin: 0; font-size: 1.6rem; font-weight: bold; text-align: left; }
    .chiffre.alerte { border-width: 2px; border-color: #8a1c1c; }
    .chiffre.alerte dd::before { content: "▲ "; font-size: .9rem; vertical-align: middle; }
    #a-traiter h3 { font-size: 1rem; margin-top: 1em; }
    #a-traiter ul { margin: .2em 0 .6em; padding-left: 1.2em; }
    .defilement { overflow-x: auto; }
    table.portefeuille, table.totaux { border-collapse: collapse; font-size: .78rem; width: 100%; }
    table.portefeuille th, table.portefeuille td, table.totaux th, table.totaux td {
      border: 1px solid var(--filet); padding: .2rem .35rem; vertical-align: top;
    }
    table.portefeuille thead th, table.totaux thead th { background: var(--fond-entete); text-align: left; }
    table.portefeuille tr.groupe th { background: var(--fond-note); font-size: .9rem; text-align: left; padding-top: .5rem; }
    table.portefeuille tr.total th, table.portefeuille tr.total td, table.totaux tfoot th, table.totaux tfoot td { font-weight: bold; border-top: 2px solid var(--encre); }
    table.portefeuille tr.alerte th[scope="row"]::before { content: "▲ "; }
    table.portefeuille tr.alerte { background: #fbeeee; }
    table.portefeuille th[scope="row"] { white-space: nowrap; }
    .tri { cursor: pointer; }
    .tri:focus { outline: 2px solid var(--lien); }
    th[aria-sort="ascending"] .tri::after { content: " ▲"; }
    th[aria-sort="descending"] .tri::after { content: " ▼"; }
    .filtres { display: flex; flex-wrap: wrap; gap: .8rem; align-items: center; margin: .5rem 0; }
    .filtres input, .filtres select { font: inherit; padding: .2rem .4rem; }
    nav.site { font-size: .9rem; border-bottom: 1px solid var(--filet); padding-bottom: .4rem; margin-bottom: 1rem; }
    @media screen and (max-width: 48rem) {
      table.portefeuille thead { display: none; }
      table.portefeuille, table.portefeuille tbody, table.portefeuille tfoot, table.portefeuille tr,
      table.portefeuille th, table.portefeuille td { display: block; width: 100%; }
      table.portefeuille tr { border: 1px solid var(--filet); margin: 0 0 .6rem; }
      table.portefeuille th, table.portefeuille td { border: 0; border-bottom: 1px dotted var(--filet); text-align: left; }
      table.portefeuille td[data-libelle]::before { content: attr(data-libelle) " : "; font-weight: bold; }
      table.portefeuille td:empty { display: none; }
      table.portefeuille td.nombre { text-align: left; }
      table.portefeuille tr.groupe { border: 0; }
      .chiffre { min-width: 7rem; }
    }
    @media print {
      .defilement { overflow: visible; }
      table.portefeuille { font-size: 7.5pt; }
      table.portefeuille tr { break-inside: avoid; }
      table.portefeuille tr.alerte { background: none; }
      table.portefeuille tfoot { display: table-row-group; }
      .filtres { display: none; }
    }
    """

    /// The names of the states by their key, as a JavaScript object literal.
    static var stateNames: String {
        var w = JSONWriter()
        w.beginObject()
        for k in ContractState.Kind.allCases { w.field(k.key, k.rawValue) }
        w.endObject()
        return w.out
    }

    /// The dashboard's script: sorts the contracts' table by the column whose header is
    /// clicked (within each group, by `data-tri`: numbers as numbers, text in French order),
    /// and filters its rows by a text and a state; says how many rows are shown. It only adds
    /// to a page that reads whole without it.
    static let script = """
    (function () {
      "use strict";
      var stateNames = \(stateNames);
      var table = document.getElementById("tableau-contrats");
      if (!table || !table.tHead) { return; }
      var groups = Array.prototype.slice.call(table.tBodies);
      var heads = table.tHead.rows[0].cells;
      function rows(tbody) {
        return Array.prototype.filter.call(tbody.rows, function (r) { return r.hasAttribute("data-etat"); });
      }
      function key(row, column) {
        var cell = row.cells[column];
        if (!cell) { return ""; }
        var v = cell.getAttribute("data-tri");
        return v === null ? cell.textContent.trim() : v;
      }
      function compare(a, b) {
        var x = Number(a), y = Number(b);
        if (a !== "" && b !== "" && !isNaN(x) && !isNaN(y)) { return x - y; }
        return a.localeCompare(b, "fr");
      }
      Array.prototype.forEach.call(heads, function (th, column) {
        var button = document.createElement("span");
        button.setAttribute("role", "button");
        button.tabIndex = 0;
        button.className = "tri";
        button.textContent = th.textContent;
        button.title = "Trier par " + th.textContent.toLowerCase();
        th.textContent = "";
        th.appendChild(button);
        th.setAttribute("aria-sort", "none");
        button.addEventListener("keydown", function (e) {
          if (e.key === "Enter" || e.key === " ") { e.preventDefault(); button.click(); }
        });
        button.addEventListener("click", function () {
          var ascending = th.getAttribute("aria-sort") !== "ascending";
          Array.prototype.forEach.call(heads, function (h) { h.setAttribute("aria-sort", "none"); });
          th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
          groups.forEach(function (tbody) {
            var list = rows(tbody);
            var total = tbody.querySelector("tr.total");
            list.sort(function (p, q) { return compare(key(p, column), key(q, column)) * (ascending ? 1 : -1); });
            list.forEach(function (r) { tbody.insertBefore(r, total); });
          });
        });
      });
      var controls = document.createElement("div");
      controls.className = "filtres ecran-seulement";
      var label = document.createElement("label");
      label.textContent = "Filtrer : ";
      var input = document.createElement("input");
      input.type = "search";
      input.placeholder = "contrat, organisme, tutelle…";
      label.appendChild(input);
      var stateLabel = document.createElement("label");
      stateLabel.textContent = "État : ";
      var select = document.createElement("select");
      var seen = {};
      var all = document.createElement("option");
      all.value = "";
      all.textContent = "tous";
      select.appendChild(all);
      groups.forEach(function (tbody) {
        rows(tbody).forEach(function (r) {
          var s = r.getAttribute("data-etat");
          if (seen[s]) { return; }
          seen[s] = true;
          var option = document.createElement("option");
          option.value = s;
          option.textContent = stateNames[s] || s;
          select.appendChild(option);
        });
      });
      stateLabel.appendChild(select);
      var count = document.createElement("span");
      count.setAttribute("aria-live", "polite");
      controls.appendChild(label);
      controls.appendChild(stateLabel);
      controls.appendChild(count);
      var scroller = table.parentNode;
      scroller.parentNode.insertBefore(controls, scroller);
      function apply() {
        var text = input.value.toLowerCase().trim();
        var state = select.value;
        var shown = 0;
        groups.forEach(function (tbody) {
          var any = false;
          rows(tbody).forEach(function (r) {
            var ok = (!state || r.getAttribute("data-etat") === state) && (!text || r.textContent.toLowerCase().indexOf(text) >= 0);
            r.hidden = !ok;
            if (ok) { any = true; shown += 1; }
          });
          tbody.hidden = !any;
        });
        count.textContent = shown + (shown > 1 ? " lignes affichées" : " ligne affichée");
      }
      input.addEventListener("input", apply);
      select.addEventListener("change", apply);
      apply();
    })();
    """
}
