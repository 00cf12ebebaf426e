// copc calendrier: the deadlines and steps of a version as an iCalendar file (RFC 5545).
import CopcDriver
import CopcSema
import CopcModel
import CopcRender

let calendrierHelp = """
Usage : copc calendrier [CHEMINS…] [--contrat ID] [--version V] [-o FICHIER.ics]

Écrit un calendrier iCalendar (RFC 5545, à importer dans un agenda) des échéances d'une
version consolidée : un événement « journée entière » par délai et par étape de chaque
action, couvrant sa fenêtre (« fin 2022 » : du 1er octobre au 31 décembre 2022), avec
l'identifiant et l'intitulé de l'action et ses pilotes. Chaque événement a un identifiant
stable (UID) tiré du contrat, de l'action et du délai : réimporter le calendrier d'une
version suivante met à jour les événements au lieu de les dupliquer. Les échéances « à
préciser » n'ont pas de date et ne sont pas écrites.

Options :
  --contrat ID        le contrat (obligatoire si les chemins en contiennent plusieurs)
  --version V         numéro de version (0 = tel que signé) ou date AAAA-MM-JJ (la version
                      en vigueur ce jour-là) ; défaut : la dernière version
  -o FICHIER          écrit dans FICHIER (aussi --sortie), par un fichier temporaire
                      renommé, plutôt que sur la sortie standard ; « -o - » : la sortie
                      standard ; jamais sur un fichier lu (statut 2)
  -h, --help          affiche cette aide

Sortie identique octet pour octet d'une exécution à l'autre (DTSTAMP : la date d'effet de
la version). Statut de sortie : 0 calendrier écrit ; 2 mauvais usage, contrat ou version
introuvable, échec d'écriture, fichier lu illisible ou mal encodé (COP001 : rien n'est écrit).
"""

enum CalendrierOption: Hashable, Sendable {
    case contrat, version, sortie
}

let calendrierCommand = CommandSpec<CalendrierOption>(name: "copc calendrier", help: calendrierHelp, options: [
    OptionSpec(.contrat, "--contrat", value: true),
    OptionSpec(.version, "--version", value: true),
    OptionSpec(.sortie, "-o", "--sortie", path: true),
])

func runCalendrier(_ args: ArraySlice<String>) -> Int32 {
    let parsed = calendrierCommand.parse(args)
    let selector = parseVersionOption(parsed[.version])
    let result = checkOrFail(parsed.positionals, CheckOptions.today())
    let contract = chooseContract(result, parsed[.contrat])
    let version = chooseVersion(contract, selector)
    warnAboutErrors(result, contract, what: "le calendrier")
    let doc = ContractDocument(contract: contract, version: version, files: result.fileTable)
    writeResult(ContractCalendar.render(doc), to: parsed[.sortie])
    return 0
}
