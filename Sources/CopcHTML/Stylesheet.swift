import CopcFrench
/// The shared stylesheet embedded in every page: screen layout, building blocks, print.
///
/// Rules that carry meaning never rely on colour: deletions are struck through, insertions
/// underlined, changed cells carry a symbol, missed targets a hollow crossed marker. Colours
/// and backgrounds only add to them (and print as light greys). Print sizes stay at or above
/// 8 pt.
enum Stylesheet {
    static func css(orientation: PageOrientation, runningHeader: String) -> String {
        let size = orientation == .portrait ? "A4 portrait" : "A4 landscape"
        let header = HTMLEscape.cssString(runningHeader)
        return base + """

        /* ---- Impression ---- */
        @page {
          size: \(size);
          margin: 17mm 14mm 17mm 14mm;
          @top-left { content: "\(header)"; font-family: \(fontStack); font-size: 8pt; color: #333; }
          @bottom-right { content: "Page " counter(page) " sur " counter(pages); font-family: \(fontStack); font-size: 8pt; color: #333; }
        }
        @page :first { @top-left { content: none; } }
        \(print)
        """
    }

    static let fontStack = "\"Marianne\", \"Liberation Sans\", \"DejaVu Sans\", Arial, Helvetica, sans-serif"

    static let base = """
    /* copc — feuille de style commune (écran et impression). */
    :root {
      --encre: #1b1b1b;
      --discret: #4d4d4d;
      --filet: #8c8c8c;
      --fond-entete: #ececec;
      --fond-note: #f4f4f4;
      --fond-ins: #d7f0dd;
      --fond-del: #f9dcda;
      --lien: #1f3f8f;
    }
    *, *::before, *::after { box-sizing: border-box; }
    html {
      color: var(--encre); background: #fff;
      font-family: \(fontStack);
      font-size: 100%; line-height: 1.5;
      -webkit-text-size-adjust: 100%; text-size-adjust: 100%;
    }
    body { margin: 0 auto; padding: 1.5rem 1.25rem 3rem; max-width: 52rem; }
    body.large { max-width: 110rem; }
    h1, h2, h3, h4, h5, h6 { line-height: 1.25; margin: 1.5em 0 .5em; break-after: avoid; }
    h1 { font-size: 1.7rem; } h2 { font-size: 1.35rem; } h3 { font-size: 1.15rem; } h4, h5, h6 { font-size: 1rem; }
    p { margin: .5em 0; }
    a { color: var(--lien); }
    .numero { margin-right: .45em; font-variant-numeric: tabular-nums; }
    .discret { color: var(--discret); font-size: .875em; }
    .tel-quel, code { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .9em; }
    .nombre { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .lecteur-ecran {
      position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
      overflow: hidden; clip-path: inset(50%); white-space: nowrap; border: 0;
    }
    .impression-seulement { display: none; }
    .texte { white-space: pre-line; }

    /* Ajouts et suppressions : barré et souligné, la couleur ne fait que s'y ajouter. */
    del {
      text-decoration: line-through; text-decoration-thickness: .09em;
      background: var(--fond-del); color: inherit;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    ins {
      text-decoration: underline; text-decoration-thickness: .09em; text-underline-offset: .18em;
      background: var(--fond-ins); color: inherit;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    del::before, del::after, ins::before, ins::after {
      position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
    }
    del::before { content: " [début de suppression] "; }
    del::after { content: " [fin de suppression] "; }
    ins::before { content: " [début d’ajout] "; }
    ins::after { content: " [fin d’ajout] "; }
    del + ins { margin-left: .2em; }
    .marque { font-weight: bold; margin-right: .3em; font-variant-numeric: tabular-nums; }
    .modifie { outline: .12em dashed var(--encre); outline-offset: -.25em; }
    .supprime > :not(.marque) { text-decoration: line-through; }
    .legende { font-size: .85rem; color: var(--discret); margin: .25em 0 1em; }
    .legende span + span::before { content: "   ·   "; white-space: pre; }

    /* Page de titre */
    .page-de-titre { border: .15rem solid var(--encre); padding: 1.75rem 2rem; margin: 0 0 2rem; }
    .page-de-titre .genre { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .9rem; }
    .page-de-titre h1 { margin: .35em 0 .25em; font-size: 2rem; }
    .page-de-titre .sous-titre { margin: 0 0 1.25em; font-size: 1.15rem; }
    .page-de-titre dl { display: grid; grid-template-columns: max-content 1fr; gap: .35em 1.25em; margin: 1.25em 0 0; }
    .page-de-titre dt { font-weight: bold; }
    .page-de-titre dd { margin: 0; }
    .page-de-titre .mention { margin-top: 1.5em; font-size: .9rem; font-style: italic; }

    /* Sommaire */
    nav.sommaire { margin: 1rem 0 2rem; }
    nav.sommaire ol { list-style: none; margin: .15em 0; padding-left: 1.4em; }
    nav.sommaire > ol { padding-left: 0; }
    nav.sommaire li { margin: .15em 0; }
    nav.sommaire a { color: inherit; text-decoration: none; }
    nav.sommaire a:hover, nav.sommaire a:focus { text-decoration: underline; }

    /* Tableaux */
    table { border-collapse: collapse; width: 100%; margin: .75em 0 1.5em; font-size: .9rem; }
    caption { caption-side: top; text-align: left; font-weight: bold; padding: .35em 0; }
    th, td { border: 1px solid var(--filet); padding: .3em .45em; vertical-align: top; text-align: left; overflow-wrap: break-word; }
    thead th { background: var(--fond-entete); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    th[scope=row] { font-weight: 600; }
    th.nombre, td.nombre { text-align: right; }
    .tableau-defilant { overflow-x: auto; }

    /* Notes marginales */
    .note-marginale {
      float: right; clear: right; width: 15rem; margin: .15em 0 .75em 1.25em; padding: .4em .65em;
      border-left: .3em solid var(--encre); background: var(--fond-note);
      font-size: .85rem; line-height: 1.35;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    .note-marginale .note-titre { display: block; font-weight: bold; }
    .apres-notes { clear: both; }
    @media (max-width: 40rem) { .note-marginale { float: none; width: auto; margin: .5em 0; } }

    /* Comparaison en trois colonnes (avenant | avant | après) */
    table.comparaison { table-layout: fixed; font-size: .875rem; }
    table.comparaison col.clause { width: 26%; }
    table.comparaison col.avant, table.comparaison col.apres { width: 37%; }
    .comparaison .clause-titre { display: block; font-weight: bold; }
    .comparaison .lieu { display: block; color: var(--discret); font-size: .8rem; }
    .comparaison .clause-texte { margin: .4em 0; white-space: pre-wrap; font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .8rem; }
    .comparaison .motif { margin: .4em 0; font-style: italic; }
    .comparaison .renvois { margin: .4em 0 0; padding: 0; list-style: none; font-size: .82rem; }
    .comparaison tr.changement-entete > td[colspan] {
      background: var(--fond-note); border-bottom-style: dotted;
      -webkit-print-color-adjust: exact; print-color-adjust: exact;
    }
    /* A fixed (minimal) height: the extra height of a tall clause goes to the text rows. */
    .comparaison tr.changement-entete { height: 1px; }
    .comparaison tr.changement-textes > td { border-top: none; }
    .comparaison .changement-titre { font-weight: 600; }
    .comparaison .genre { color: var(--discret); font-size: .8rem; }
    .comparaison .genre::before { content: " — "; }
    .comparaison .retour { float: right; font-size: .8rem; margin-left: 1em; }

    .comparaison .absent { font-style: italic; color: var(--discret); }
    .comparaison :target, .comparaison tr:target > td { outline: .15em solid var(--encre); }

    /* Graphiques */
    figure.graphique { margin: .75em 0 1.5em; break-inside: avoid; }
    figure.graphique svg { display: block; max-width: 100%; height: auto; }
    figure.graphique figcaption { font-size: .9rem; font-weight: 600; margin-bottom: .25em; }
    .graphiques { display: flex; flex-wrap: wrap; gap: 0 1.5rem; }
    """

    static let print = """
    @media print {
      html { font-size: 10pt; }
      body, body.large { max-width: none; margin: 0; padding: 0; }
      a { color: inherit; text-decoration: none; }
      .ecran-seulement { display: none !important; }
      .impression-seulement { display: block; }
      thead { display: table-header-group; }
      tfoot { display: table-footer-group; }
      tr { break-inside: avoid; }
      tr.changement-entete { break-after: avoid; }
      caption { break-after: avoid; }
      .saut-avant { break-before: page; }
      .ensemble { break-inside: avoid; }
      .tableau-defilant { overflow: visible; }
      .page-de-titre { border: none; padding: 30mm 0 0; margin: 0; break-after: page; }
      .page-de-titre h1 { font-size: 22pt; }
      nav.sommaire { break-after: page; }
      .note-marginale { width: 13rem; }
      table.comparaison { font-size: 8.5pt; }
      /* Un mot long (une adresse) se coupe plutôt que de pousser les colonnes hors de la
         page ; chaque cellule garde la place d'un mot court entier. */
      body { overflow-wrap: anywhere; }
      td { overflow-wrap: anywhere; min-width: 4.5em; }
    }
    """
}
