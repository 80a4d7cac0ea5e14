"""The entity-resolution table: a mention in a sentence or small article, and what it is.

Written for these tests (news-style sentences composed for them, a few in the
seed corpus's style). ``expected`` is an entity key, :data:`NEW` (a new entity,
not any known one) or :data:`NONE` (no entity at all: an unresolved pronoun).
``role`` says how the mention is used: "actor" (a subject of an action, a
speaker), "object" (an object of an action on another party), "place" (neither).
Used by tests/test_resolution.py and benchmarks/entity_resolution.py.
"""

from __future__ import annotations

from dataclasses import dataclass

NEW = "<new>"
NONE = "<none>"


@dataclass(frozen=True)
class Case:
    mechanism: str
    text: str
    mention: str
    expected: str
    role: str = "place"
    occurrence: int = -1  # which occurrence of ``mention`` in ``text`` (default: the last)


CASES: tuple[Case, ...] = (
    # ---- catalog aliases and fuzzy spelling variants (guarded by class and threshold)
    Case("catalog", "Officials in Khankendi reported power cuts.", "Khankendi", "Stepanakert"),
    Case(
        "catalog",
        "The Russian Federation vetoed the draft.",
        "Russian Federation",
        "Russia",
        "actor",
    ),
    Case("catalog", "Türkiye sent observers to the border.", "Türkiye", "Turkey", "actor"),
    Case("catalog", "The USSR collapsed in 1991.", "USSR", "Soviet_Union", "actor"),
    Case(
        "catalog",
        "The OSCE Minsk Group has not met since 2020.",
        "OSCE Minsk Group",
        "OSCE_Minsk_Group",
        "actor",
    ),
    Case("fuzzy", "Troops entered Stepanakertt at dawn.", "Stepanakertt", "Stepanakert"),
    Case("fuzzy", "Azerbaidjan rejected the proposal.", "Azerbaidjan", "Azerbaijan", "actor"),
    Case(
        "fuzzy",
        "The Nagorno Karabagh enclave was sealed off.",
        "Nagorno Karabagh",
        "Nagorno-Karabakh",
    ),
    Case(
        "fuzzy",
        "President Ilham Aliev addressed the nation.",
        "Ilham Aliev",
        "Ilham_Aliyev",
        "actor",
    ),
    Case("fuzzy", "Vladimir Poutine met the envoy.", "Vladimir Poutine", "Vladimir_Putin", "actor"),
    Case("fuzzy", "The Interfaks agency carried the statement.", "Interfaks", "Interfax"),
    Case(
        "fuzzy-negative",
        "Armenian officials met in the capital.",
        "Armenian officials",
        "armenian_officials",
        "actor",
    ),
    Case("fuzzy-negative", "Georgiana Smith wrote the report.", "Georgiana Smith", NEW, "actor"),
    Case(
        "fuzzy-negative",
        "The Armenians of Lebanon held a vigil.",
        "Armenians",
        "Armenians",
        "actor",
    ),
    Case("fuzzy-negative", "Russel Brand joked about the summit.", "Russel Brand", NEW, "actor"),
    # ---- gazetteer: official, common, former names and ISO codes, cities
    Case(
        "gazetteer",
        "The Republic of Moldova asked for gas supplies.",
        "Republic of Moldova",
        "moldova",
        "actor",
    ),
    Case(
        "gazetteer",
        "The Kingdom of Eswatini held elections.",
        "Kingdom of Eswatini",
        "eswatini",
        "actor",
    ),
    Case("gazetteer", "Aid from Swaziland arrived late.", "Swaziland", "eswatini"),
    Case("gazetteer", "Burma's generals refused to comment.", "Burma", "myanmar"),
    Case("gazetteer", "Zaire was renamed in 1997.", "Zaire", "democratic_republic_of_the_congo"),
    Case("gazetteer", "Delegates from KAZ and UZB signed the memorandum.", "UZB", "uzbekistan"),
    Case("gazetteer", "Kazakhstan offered to host the talks.", "Kazakhstan", "kazakhstan", "actor"),
    Case(
        "gazetteer",
        "The Islamic Republic of Iran condemned the strike.",
        "Islamic Republic of Iran",
        "Iran",
        "actor",
    ),
    Case("gazetteer", "Czechia sent humanitarian aid.", "Czechia", "czechia", "actor"),
    Case("gazetteer", "The talks moved to Almaty last week.", "Almaty", "almaty"),
    Case("gazetteer", "Refugees reached Ganja on Thursday.", "Ganja", "ganja"),
    Case("gazetteer-negative", "Police said the road was closed.", "Police", NEW, "actor"),
    Case("gazetteer-negative", "Victoria Nuland visited Yerevan.", "Victoria Nuland", NEW, "actor"),
    # ---- aliases introduced by the text
    Case(
        "text-alias",
        "The Collective Security Treaty Organization (CSTO) met in Moscow. Later the CSTO issued a statement.",
        "CSTO",
        "CSTO",
        "actor",
    ),
    Case(
        "text-alias",
        "The Global Mine Action Network (GMAN) cleared the fields. GMAN said 40 mines were found.",
        "GMAN",
        "global_mine_action_network",
        "actor",
    ),
    Case(
        "text-alias",
        "The Caspian Relief Fund, known as CRF, opened an office. CRF later closed it.",
        "CRF",
        "caspian_relief_fund",
        "actor",
    ),
    Case(
        "text-alias",
        "The Northern Road Agency, also called Roadnet, rebuilt the bridge. Roadnet said work took a month.",
        "Roadnet",
        "northern_road_agency",
        "actor",
    ),
    Case(
        "text-alias",
        "Villagers fled Aghdam, which Armenians call Akna. Shelling of Akna continued.",
        "Akna",
        "Aghdam",
    ),
    Case(
        "text-alias",
        "The Zangezur corridor, which Armenia calls the Syunik route, remains closed. Baku wants the Syunik route opened.",
        "Syunik route",
        "Zangezur_Corridor",
    ),
    Case(
        "text-alias-negative",
        "Ruben Vardanyan (Armenia) was detained. Armenia protested.",
        "Armenia",
        "Armenia",
        "actor",
    ),
    Case(
        "text-alias-negative",
        "The European Union (EU) and the African Union (AU) met. The AU backed the plan.",
        "AU",
        "african_union",
        "actor",
    ),
    Case(
        "text-alias-negative",
        "Sarah Jones (right) spoke to Tom Green (left).",
        "Tom Green",
        NEW,
        "object",
    ),
    # ---- people: full name then short name, titles stripped
    Case(
        "short-name",
        "Nikol Pashinyan flew to Brussels. Pashinyan met EU officials there.",
        "Pashinyan",
        "Nikol_Pashinyan",
        "actor",
    ),
    Case(
        "short-name",
        "Prime Minister Nikol Pashinyan spoke on Monday.",
        "Prime Minister Nikol Pashinyan",
        "Nikol_Pashinyan",
        "actor",
    ),
    Case(
        "short-name",
        "Mariam Hakobyan, a nurse in Goris, treated the wounded. Hakobyan said the clinic was full.",
        "Hakobyan",
        "mariam_hakobyan",
        "actor",
    ),
    Case(
        "short-name",
        "Foreign Minister Jeyhun Bayramov arrived in Geneva. Bayramov called the talks useful.",
        "Bayramov",
        "Jeyhun_Bayramov",
        "actor",
    ),
    Case(
        "short-name",
        "President Aliyev visited Shusha.",
        "President Aliyev",
        "Ilham_Aliyev",
        "actor",
    ),
    Case(
        "short-name",
        "Senator Robert Menendez called for sanctions. Menendez wrote to the State Department.",
        "Menendez",
        "robert_menendez",
        "actor",
    ),
    Case(
        "short-name",
        "Ambassador Anna Kovacs presented her credentials. Kovacs then met the president.",
        "Ambassador Anna Kovacs",
        "anna_kovacs",
        "actor",
        0,
    ),
    Case(
        "short-name",
        "Dr. Lilit Sargsyan runs the hospital in Stepanakert.",
        "Dr. Lilit Sargsyan",
        "lilit_sargsyan",
        "actor",
    ),
    Case(
        "short-name-negative",
        "Ilham Aliyev and his father Heydar Aliyev built the state. Heydar Aliyev died in 2003.",
        "Heydar Aliyev",
        "heydar_aliyev",
        "actor",
    ),
    Case(
        "short-name-negative",
        "John Smith, a farmer, lost his land. Jane Smith, his sister, moved to Yerevan. Smith said she would not return.",
        "Smith",
        "jane_smith",
        "actor",
    ),
    Case(
        "short-name-negative",
        "Armenia asked for help. Armenia's leaders met overnight.",
        "Armenia",
        "Armenia",
        "actor",
    ),
    # ---- metonymy: capitals and seats of government as actors; places stay places
    Case(
        "metonymy",
        "Baku said the operation had ended.",
        "Baku",
        "Government_of_Azerbaijan",
        "actor",
    ),
    Case("metonymy", "Moscow brokered the 2020 truce.", "Moscow", "Russia", "actor"),
    Case(
        "metonymy",
        "Yerevan refuted the claims on Wednesday.",
        "Yerevan",
        "Government_of_Armenia",
        "actor",
    ),
    Case(
        "metonymy",
        "The Kremlin confirmed the call.",
        "Kremlin",
        "Presidential_Administration_of_Russia",
        "actor",
    ),
    Case("metonymy", "Ankara backed the Azerbaijani offensive.", "Ankara", "Turkey", "actor"),
    Case("metonymy", "The White House urged restraint.", "White House", "United_States", "actor"),
    Case(
        "metonymy",
        "Pashinyan accused Baku of ethnic cleansing.",
        "Baku",
        "Government_of_Azerbaijan",
        "object",
    ),
    Case("metonymy-negative", "The talks were held in Baku.", "Baku", "Baku"),
    Case("metonymy-negative", "Thousands of refugees arrived in Yerevan.", "Yerevan", "Yerevan"),
    Case("metonymy-negative", "Flights from Moscow were cancelled.", "Moscow", "Moscow"),
    Case(
        "metonymy-negative",
        "The summit opened in the capital, Tbilisi, on Monday.",
        "Tbilisi",
        "Tbilisi",
    ),
    Case(
        "metonymy-negative",
        "Stepanakert is the largest city of Nagorno-Karabakh.",
        "Stepanakert",
        "Stepanakert",
        "place",
    ),
    # ---- demonyms and nationality adjectives
    Case(
        "demonym",
        "Azerbaijani forces shelled the village.",
        "Azerbaijani forces",
        "Armed_Forces_of_Azerbaijan",
        "actor",
    ),
    Case(
        "demonym",
        "Russian peacekeepers escorted the convoy.",
        "Russian peacekeepers",
        "Russian_peacekeeping_forces_in_Nagorno-Karabakh",
        "actor",
    ),
    Case(
        "demonym",
        "Armenian authorities opened shelters in Goris.",
        "Armenian authorities",
        "armenian_authorities",
        "actor",
    ),
    Case(
        "demonym",
        "Georgian border guards detained two men.",
        "Georgian border guards",
        "georgian_border_guards",
        "actor",
    ),
    Case(
        "demonym",
        "Turkish troops took part in the exercise.",
        "Turkish troops",
        "turkish_troops",
        "actor",
    ),
    Case(
        "demonym",
        "French diplomats visited the corridor.",
        "French diplomats",
        "french_diplomats",
        "actor",
    ),
    Case(
        "demonym",
        "Iran's authorities closed the crossing.",
        "Iran's authorities",
        "iranian_authorities",
        "actor",
    ),
    Case(
        "demonym", "The Armenian side rejected the plan.", "The Armenian side", "Armenia", "actor"
    ),
    Case("demonym", "Armenians gathered in Republic Square.", "Armenians", "Armenians", "actor"),
    Case("demonym", "Ethnic Armenians left the region.", "Ethnic Armenians", "Armenians", "actor"),
    Case("demonym", "Azerbaijanis celebrated in Baku.", "Azerbaijanis", "Azerbaijanis", "actor"),
    Case("demonym", "Georgians protested outside parliament.", "Georgians", "georgians", "actor"),
    Case("demonym-negative", "Armenia closed its border.", "Armenia", "Armenia", "actor"),
    Case(
        "demonym-negative",
        "Armenian civilians fled the shelling.",
        "Armenian civilians",
        "armenian_civilians",
        "actor",
    ),
    Case("demonym-negative", "Russia moved more troops.", "Russia", "Russia", "actor"),
    # ---- coreference: pronouns and definite descriptions
    Case(
        "coreference",
        "Azerbaijan said it would not stop the operation.",
        "it",
        "Azerbaijan",
        "actor",
    ),
    Case(
        "coreference",
        "Ilham Aliyev met Vladimir Putin. He thanked him for the support.",
        "He",
        "Ilham_Aliyev",
        "actor",
    ),
    Case(
        "coreference",
        "Ilham Aliyev met Vladimir Putin. He thanked him for the support.",
        "him",
        "Vladimir_Putin",
        "object",
    ),
    Case(
        "coreference",
        "Russian peacekeepers left their base. They moved to Goris.",
        "They",
        "Russian_peacekeeping_forces_in_Nagorno-Karabakh",
        "actor",
    ),
    Case(
        "coreference",
        "Armenia appealed to the CSTO. The country said the bloc had failed it.",
        "The country",
        "Armenia",
        "actor",
    ),
    Case(
        "coreference",
        "Azerbaijan's Foreign Ministry summoned the envoy. The ministry said the remarks were unacceptable.",
        "The ministry",
        "Ministry_of_Foreign_Affairs_of_Azerbaijan",
        "actor",
    ),
    Case(
        "coreference",
        "Fighting resumed in Nagorno-Karabakh. The region has been blockaded for months.",
        "The region",
        "Nagorno-Karabakh",
        "actor",
    ),
    Case(
        "coreference",
        "Samvel Shahramanyan signed the decree. It dissolves all state institutions.",
        "It",
        "decree",
        "actor",
    ),
    Case(
        "coreference",
        "The European Union sent monitors. The bloc said they would stay until 2025.",
        "The bloc",
        "European_Union",
        "actor",
    ),
    Case(
        "coreference",
        "Russian peacekeepers stayed in their base. The peacekeepers did not intervene.",
        "The peacekeepers",
        "Russian_peacekeeping_forces_in_Nagorno-Karabakh",
        "actor",
    ),
    Case(
        "coreference",
        "Ethnic Armenians fled to Goris. They said they would not return.",
        "They",
        "Armenians",
        "actor",
    ),
    Case("coreference-negative", "It is essential to protect civilians.", "It", NONE, "actor"),
    Case("coreference-negative", "They say the road is open.", "They", NONE, "actor"),
    Case(
        "coreference-negative",
        "Armenia accused Azerbaijan of attacking it.",
        "Azerbaijan",
        "Azerbaijan",
        "object",
    ),
    Case(
        "coreference-negative",
        "The country needs reform, economists said.",
        "The country",
        NEW,
        "actor",
    ),
    # ---- keeping distinct things distinct
    Case("distinct", "Nakhchivan is an exclave of Azerbaijan.", "Nakhchivan", "Nakhchivan"),
    Case("distinct", "Nakhchivan is an exclave of Azerbaijan.", "Azerbaijan", "Azerbaijan"),
    Case(
        "distinct",
        "Stepanakert is the capital of Nagorno-Karabakh.",
        "Nagorno-Karabakh",
        "Nagorno-Karabakh",
    ),
    Case("distinct", "Armenians in Armenia protested.", "Armenians", "Armenians", "actor"),
    Case("distinct", "Armenians in Armenia protested.", "Armenia", "Armenia"),
    Case(
        "distinct",
        "The Armenian government and the Armenian people disagree.",
        "the Armenian people",
        "Armenians",
        "actor",
    ),
    Case("distinct", "Georgia's parliament passed the law.", "Georgia", "Georgia"),
    Case(
        "distinct",
        "Lachin is a town; the Lachin Corridor is a road.",
        "Lachin Corridor",
        "Lachin_Corridor",
    ),
    Case(
        "distinct",
        "Lachin is a town; the Lachin Corridor is a road.",
        "Lachin",
        "Lachin",
        "place",
        0,
    ),
)
