"""Shared, deterministic pools for the synthetic corpus: people, journals, subjects, words, check digits.

Everything is a pure function of an index (a 64-bit mix, no random state), so any file of the corpus can
be generated on its own, in any process, and the same index always gives the same person or journal.
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    """The words of a text (word lists are written as text to stay readable)."""
    return text.split()


PEOPLE = 300_000  # people in the pool; authors are drawn with a strong skew, so prolific people repeat
JOURNALS = 4_000
PUBLISHERS = 120
INSTITUTIONS = 160

FAMILIES = _words(
    "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker White "
    "Roberts Green Hall Wood Jackson Clarke Patel Khan Lewis James Phillips Mason Mitchell Rose Davis "
    "Rodriguez Cox Alexander Morgan Moore Martin Price Bell Cooper Ward Turner Hill Young Allen King Scott "
    "Baker Adams Campbell Anderson Harris Lee Chen Wang Li Zhang Liu Yang Huang Zhao Wu Zhou Kim Park Choi "
    "Nakamura Tanaka Suzuki Sato Watanabe Ito Kobayashi Singh Kumar Sharma Gupta Das Nair Iyer Rao Reddy "
    "Okafor Adeyemi Mensah Ndlovu Kariuki Haddad Nasser Rahman Hosseini Yilmaz Demir Kaya Novak Horvat "
    "Kowalski Nowak Wójcik Kamiński Dvořák Černý Svoboda Müller Schmidt Schäfer Weiß Köhler Groß Fischer "
    "Becker Hoffmann Bauer Richter Klein Wolf Neumann Schwarz Zimmermann Krüger Hartmann Lange Werner "
    "Dubois Lefèvre Moreau Girard Bonnet Rousseau Fontaine Chevalier Mercier Lambert Faure Gauthier "
    "García Fernández González López Martínez Sánchez Pérez Gómez Jiménez Ruiz Díaz Muñoz Álvarez Romero "
    "Núñez Castro Ortega Rubio Marín Iglesias Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci "
    "Bruno Greco Conti Costa Giordano Mancini Santos Oliveira Pereira Rodrigues Almeida Carvalho Sousa "
    "Jansen Visser Bakker Smit Meijer Dekker Mulder Bos Vos Peters Hendriks Andersen Nielsen Hansen "
    "Pedersen Larsen Sørensen Rasmussen Jørgensen Johansson Karlsson Nilsson Eriksson Larsson Olsson "
    "Persson Lindqvist Virtanen Korhonen Mäkinen Nieminen Hämäläinen Järvinen Ivanov Smirnov Kuznetsov "
    "Popov Volkov Sokolov Lebedev Kozlov Morozov Petrov Papadopoulos Georgiou Nikolaidis O'Brien "
    "O'Sullivan MacDonald McLeod Murphy Kelly Byrne Ryan Walsh Doyle Nguyễn Trần Lê Phạm "
    "Dörnyei Gérard-Marchant el-Amin Ben-David Abu-Lughod"
) + ["Ó Briain", "van der Walt", "van Kerkwijk", "de Vries", "Fernández del Río"]
SYLLABLES_A = _words("Ash Bar Bel Bran Carl Dun Els Fair Gil Hal Har Hart Holl Kings Lang Mar Mer Nor Pem Red "
                     "Rid Ros Sal Stan Stock Thorn Wal Wes Whit Win Ald Brom Cal Ed Fen Grey Lind Mont")
SYLLABLES_B = _words("ford ton ley worth field wood well by ham more wick stead bury combe hurst dale mere "
                     "land shaw brook cott gate ridge well ing ett ow")
FAMILY_POOL = FAMILIES + [a + b for a in SYLLABLES_A for b in SYLLABLES_B]
GIVENS = _words(
    "James John Robert Michael William David Richard Joseph Thomas Charles Mary Patricia Jennifer Linda "
    "Elizabeth Barbara Susan Jessica Sarah Karen Anna Emma Olivia Sophie Lucy Hannah Grace Alice Chloe "
    "Daniel Matthew Andrew Mark Paul Steven Kevin Brian George Edward Peter Simon Martin Stephen Carol "
    "Helen Ruth Clare Laura Rachel Rebecca Catherine Margaret Wei Jing Min Hui Yan Xin Lei Hao Tao Jun "
    "Hiroshi Yuki Kenji Akiko Haruto Sakura Priya Anil Deepa Ravi Sunita Arjun Kavya Chinedu Ngozi Kwame "
    "Amara Fatima Omar Layla Yusuf Leila Reza Mehmet Elif Ayşe Zoë Chloé Noémie Hélène François Jérôme "
    "Zoltán Ágnes Gábor Łukasz Małgorzata Jiří Tomáš Søren Åsa Björn Jürgen Günter Jörg Sven Lars Ingrid "
    "Mikael Pekka Aino Dmitri Olga Sergei Natalia Giorgos Eleni Seán Siobhán Niamh Ciarán Íde José María "
    "Raúl Inés Ángel João Conceição Giulia Luca Matteo Chiara Francesca Pieter Sanne Joost Eva Kai Noor"
)
INITIALS = _words("A B C D E F G H J K L M N P R S T W")

WORDS = _words(
    "analysis model theory evidence learning network system structure dynamics control data method design "
    "history policy practice identity language culture health risk care memory perception motivation "
    "education governance market energy climate water soil carbon protein gene cell tissue brain behaviour "
    "migration labour gender power space time change growth inequality trust justice law ethics religion "
    "music art literature media technology innovation infrastructure transport urban rural agriculture "
    "food nutrition disease infection vaccine therapy surgery imaging signal noise algorithm graph logic "
    "semantics syntax discourse narrative archive library metadata catalogue publishing reading writing "
    "children adolescents ageing families communities women workers students patients teachers citizens "
    "stability uncertainty optimisation estimation inference simulation measurement calibration sensor "
    "robot vision speech translation ontology knowledge reasoning planning decision games markets prices "
    "finance banking debt tax welfare housing poverty employment trade regulation competition firms "
    "ocean coast river forest biodiversity species ecology evolution fossil mineral crystal polymer alloy "
    "catalysis synthesis spectroscopy quantum field particle galaxy star planet orbit gravity wave plasma"
)
ADJECTIVES = _words(
    "adaptive social historical comparative critical digital empirical global local national regional "
    "early late modern medieval contemporary structural functional spatial temporal statistical "
    "computational experimental clinical environmental economic political cultural linguistic cognitive "
    "molecular cellular genetic chemical physical thermal optical mechanical numerical robust scalable "
    "sustainable informal participatory collaborative longitudinal qualitative quantitative"
)
FOREIGN_TITLES = (
    "Étude comparative des réseaux urbains", "Über die Stabilität nichtlinearer Systeme",
    "Análisis de la política educativa en América Latina", "La mémoire collective et l'archive",
    "Geschichte der Universitätsbibliotheken im 19. Jahrhundert", "Estrategias de adaptación al cambio climático",
    "Η ιστορία της νεοελληνικής γλώσσας", "Развитие цифровых библиотек", "Sull'evoluzione della lingua italiana",
    "Økologiske forandringer i Østersøen", "Zur Frühgeschichte der Buchdruckerei in Mainz",
)
LANGUAGES = ("English", "French", "German", "Spanish", "Greek", "Russian", "Italian", "Danish")
SUBDIVISIONS = ("History", "Great Britain", "Periodicals", "Mathematical models", "Social aspects",
                "Research", "Congresses", "Case studies", "Psychological aspects", "Statistics", "20th century")
DEGREES = (("Ph.D.", "PhD", "phd"), ("Ph.D.", "PhD", "phd"), ("Ph.D.", "PhD", "phd"), ("M.Phil.", "MPhil", "mphil"),
           ("D.Phil.", "DPhil", "phd"), ("M.Sc.", "MSc", "masters"))
CITIES = ("London", "Oxford", "Cambridge", "Bristol", "Edinburgh", "New York", "Berlin", "Paris", "Amsterdam",
          "Boston", "Cham", "Abingdon", "Singapore", "Basel", "Leiden", "Chicago", "Tokyo", "Zürich")


def mix(*values: int) -> int:
    """A 64-bit hash of integers (splitmix64 steps): deterministic, well spread, cheap."""
    x = 0x9E3779B97F4A7C15
    for v in values:
        x = (x ^ (v & 0xFFFFFFFFFFFFFFFF)) * 0xBF58476D1CE4E5B9 & 0xFFFFFFFFFFFFFFFF
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB & 0xFFFFFFFFFFFFFFFF
        x ^= x >> 31
    return x


def issn(n: int) -> str:
    """A valid ISSN (check digit computed) from a 7-digit number."""
    digits = f"{n % 10_000_000:07d}"
    check = (11 - sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True)) % 11) % 11
    return f"{digits[:4]}-{digits[4:]}{'X' if check == 10 else check}"


def isbn13(n: int) -> str:
    """A valid ISBN-13 (978 prefix) from a 9-digit number."""
    core = f"978{n % 1_000_000_000:09d}"
    check = (10 - sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(core)) % 10) % 10
    return core + str(check)


def orcid(n: int) -> str:
    """A valid ORCID iD (ISO 7064 11,2 check character) from a number."""
    base = f"0000000{n % 1_000_000_000:09d}"[-15:]
    total = 0
    for ch in base:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    text = base + ("X" if check == 10 else str(check))
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def person(i: int, seed: int) -> tuple[str, str, str | None]:
    """Person ``i`` of the pool: (family, given names, ORCID or None)."""
    h = mix(seed, 1, i)
    family = FAMILY_POOL[h % len(FAMILY_POOL)]
    given = GIVENS[(h >> 16) % len(GIVENS)]
    if (h >> 32) % 4 == 0:
        given += " " + INITIALS[(h >> 36) % len(INITIALS)] + "."
    has_orcid = (h >> 44) % 10 < 3
    return family, given, orcid(mix(seed, 2, i)) if has_orcid else None


def pick_person(u: float) -> int:
    """An index into the people pool for a uniform ``u``: a few people write a great deal."""
    return int(PEOPLE * u ** 3)


def journal(j: int, seed: int) -> tuple[str, str, str | None, str]:
    """Journal ``j``: (title, print ISSN, electronic ISSN or None, publisher)."""
    h = mix(seed, 3, j)
    w1, w2 = WORDS[h % len(WORDS)], WORDS[(h >> 12) % len(WORDS)]
    adj = ADJECTIVES[(h >> 24) % len(ADJECTIVES)]
    pattern = (h >> 36) % 8
    title = (f"Journal of {adj.title()} {w1.title()}", f"{adj.title()} {w1.title()} Review",
             f"International Journal of {w1.title()} and {w2.title()}", f"Annals of {w1.title()} {w2.title()}",
             f"{w1.title()} {w2.title()} Letters", f"Revue d'études {adj}s",
             f"Zeitschrift für {w1.title()}forschung", f"{adj.title()} {w1.title()}")[pattern]
    title += f" {chr(65 + (h >> 40) % 26)}" if j >= 1000 else ""  # keep titles distinct across the pool
    eissn = issn(mix(seed, 5, j)) if (h >> 48) % 3 else None
    return title, issn(mix(seed, 4, j)), eissn, publisher((h >> 52) % PUBLISHERS)


def publisher(p: int) -> str:
    """Publisher ``p``."""
    stems = ("Emerald", "Elsevier", "Springer", "Wiley", "Taylor & Francis", "Sage", "Cambridge University Press",
             "Oxford University Press", "MIT Press", "IEEE", "ACM", "Routledge", "De Gruyter", "Brill", "Palgrave",
             "Bloomsbury", "Éditions Gallimard", "Multilingual Matters", "Policy Press", "Edward Elgar")
    return stems[p % len(stems)] + ("" if p < len(stems) else f" {WORDS[p % len(WORDS)].title()} Books")


def institution(k: int) -> str:
    """University ``k``."""
    places = ("Anglia Ruskin", "Cambridge", "Oxford", "Leeds", "Manchester", "Glasgow", "Cardiff", "Bristol",
              "York", "Durham", "Warwick", "Sussex", "Kent", "Exeter", "Bath", "Lancaster", "Stirling",
              "Aberdeen", "Dundee", "Swansea", "Hull", "Essex", "Reading", "Surrey", "Leicester", "Zürich",
              "Göttingen", "Tübingen", "Montréal", "Bogotá")
    place = places[k % len(places)]
    return f"University of {place}" if k < len(places) else f"{place} {WORDS[k % len(WORDS)].title()} Institute"


def subject(s: int, seed: int) -> str:
    """Subject heading ``s`` of the shared vocabulary (some with a subdivision)."""
    h = mix(seed, 6, s)
    head = f"{ADJECTIVES[h % len(ADJECTIVES)].capitalize()} {WORDS[(h >> 10) % len(WORDS)]}"
    if (h >> 30) % 3 == 0:
        head += " -- " + SUBDIVISIONS[(h >> 34) % len(SUBDIVISIONS)]
    return head
