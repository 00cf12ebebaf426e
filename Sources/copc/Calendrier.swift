// copc calendrier: the deadlines and steps of a version as an iCalendar file (RFC 5545).
import CopcDriver
import CopcSema
import CopcModel
import CopcRender

let calendrierHelp = """
Usage : copc calendrier [CHEMINS…] [--contrat ID] [--version V] [--fenetres] [--rappel J[,J…]] [-o FICHIER.ics]

Écrit un calendrier iCalendar (RFC 5545, à importer dans un agenda) des échéances d'une
version consolidée :
  - un événement d'une journée par délai et par étape de chaque action, le jour de son
    échéance, c'est-à-dire le dernier jour de sa fenêtre (« fin 2022 » : le 31 décembre
    2022 ; « au plus tard le 31 mars 2026 » : le 31 mars 2026) ; la description donne
    l'échéance, la fenêtre, le délai tel qu'écrit, l'action et ses pilotes ;
  - le calendrier de suivi du contrat (« bilan annuel : avant le 15 mars N+1 »,
    « données : … », « synthèse : … ») : un événement par ligne et par année de la période ;
  - annulés (STATUS:CANCELLED), les événements des versions précédentes que cette version
    n'a plus (action supprimée par un avenant, délai remplacé, année retirée de la période),
    avec l'avenant qui les a retirés et son motif : réimporter le calendrier les efface.
Chaque événement a un identifiant stable (UID) tiré du contrat, de l'action et du délai (ou
de la ligne de suivi et de l'année) : réimporter le calendrier d'une version suivante met à
jour les événements au lieu de les dupliquer. Les échéances « à préciser » n'ont pas de date
et ne sont pas écrites.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --version V         numéro de version (0 = tel que signé) ou date AAAA-MM-JJ (la version
                      en vigueur ce jour-là) ; défaut : la dernière version
  --fenetres          un événement par délai et par étape couvrant toute sa fenêtre (« fin
                      2022 » : du 1er octobre au 31 décembre 2022) plutôt que le seul jour
                      de l'échéance (aussi --fenêtres)
  --rappel J[,J…]     une alarme (VALARM) J jours avant chaque échéance, à 9 h ; plusieurs
                      séparés par des virgules (--rappel 30,7) ; J de 0 à 366
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

Sortie identique octet pour octet d'une exécution à l'autre (DTSTAMP : la date d'effet de
la version). Statut de sortie : 0 calendrier écrit ; 2 mauvais usage, contrat ou version
introuvable, échec d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""
enum CalendrierOption: Hashable, Sendable {
    case contrat, version, sortie, fenetres, rappel
}

let calendrierCommand = CommandSpec<CalendrierOption>(name: "copc calendrier", help: calendrierHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.version, "--version", value: true),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
    OptionSpec(.fenetres, "--fenetres", "--fenêtres"),
    OptionSpec(.rappel, "--rappel", "--rappels", value: true),
])

func runCalendrier(_ args: ArraySlice<String>) -> Int32 {
    let parsed = calendrierCommand.parse(args)
    let selector = parseVersionOption(parsed[.version])
    let options = CalendarOptions(wholeWindows: parsed.has(.fenetres), reminders: parsed[.rappel].map(parseReminders) ?? [])
    let result = checkOrFail(parsed.positionals, CheckOptions.today())
    let contract = chooseContract(result, parsed[.contrat])
    let version = chooseVersion(contract, selector)
    warnAboutErrors(result, contract, what: "le calendrier")
    let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
    writeResult(ContractCalendar.render(doc, options: options), to: parsed[.sortie])
    return 0
}

/// `--rappel 30,7`: days before the due day, each from 0 to 366, without repeats, the
/// earliest reminder first; exits 2 otherwise.
func parseReminders(_ v: String) -> [Int] {
    var days: [Int] = []
    for part in v.split(separator: ",", omittingEmptySubsequences: false) {
        let w = part.trimmingSpaces()
        guard !w.isEmpty, w.count <= 3, w.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(w), n <= 366 else {
            fail("valeur invalide pour --rappel : « \(v) » (attendu : un nombre de jours de 0 à 366, ou plusieurs séparés par des virgules : 30,7)")
        }
        if !days.contains(n) { days.append(n) }
    }
    return days.sorted(by: >)
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
