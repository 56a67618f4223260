"""Demo content of the Rabat Process portal, in French and English.

Data only, loaded by ``rabat.demo``: the public pages, the Dakar Strategy (pillars,
objectives), the priority themes, partner countries and organisations, and news
items. Written from public 2013 presentations of the Rabat Process and widely known
public facts; no personal data.
"""

PAGES = {
    "home": {
        "title_fr": "Accueil",
        "title_en": "Home",
        "intro_fr": (
            "Bienvenue sur le portail du Processus de Rabat, le Dialogue euro-africain "
            "sur la migration et le développement, qui réunit depuis 2006 les pays "
            "d'Europe et d'Afrique pour passer du dialogue aux mesures concrètes."
        ),
        "intro_en": (
            "Welcome to the portal of the Rabat Process, the Euro-African Dialogue on "
            "Migration and Development, which since 2006 has brought together the "
            "countries of Europe and Africa to move from dialogue to concrete measures."
        ),
        "body_fr": (
            "Le Processus de Rabat associe quelque 57 pays partenaires d'Europe et "
            "d'Afrique, la Commission européenne et la CEDEAO. Entré dans sa troisième "
            "phase en janvier 2013, il met en œuvre la **Stratégie de Dakar** autour "
            "de trois thèmes prioritaires\u00a0: l'utilisation des données pour la "
            "prise de décisions politiques informées, la gestion des frontières au "
            "niveau opérationnel et les migrations en situations de crise.\n"
        ),
        "body_en": (
            "The Rabat Process brings together some 57 partner countries of Europe and "
            "Africa, the European Commission and ECOWAS. In its third phase since "
            "January 2013, it implements the **Dakar Strategy** around three priority "
            "themes: using data for evidence-based policy making, border management at "
            "the operational level and migration in crisis situations.\n"
        ),
    },
    "about": {
        "title_fr": "À propos du Processus de Rabat",
        "title_en": "About the Rabat Process",
        "intro_fr": (
            "Le Processus de Rabat est un dialogue intergouvernemental qui bénéficie "
            "d'un mandat ministériel, actif depuis 2006 et entré dans sa troisième "
            "phase en janvier 2013."
        ),
        "intro_en": (
            "The Rabat Process is an intergovernmental dialogue backed by a "
            "ministerial mandate, in place since 2006 and in its third phase since "
            "January 2013."
        ),
        "body_fr": (
            "## Du dialogue aux mesures concrètes\n"
            "\n"
            "Le Processus de Rabat, ou Dialogue euro-africain sur la migration et le "
            "développement, est un dialogue intergouvernemental qui bénéficie d'un "
            "mandat ministériel depuis 2006. Il réunit des pays d'origine, de transit "
            "et de destination des migrations entre l'Afrique et l'Europe, autour "
            "d'une approche globale et équilibrée des questions migratoires.\n"
            "\n"
            "Son ambition est de passer du dialogue aux mesures concrètes\u00a0: les "
            "engagements pris au niveau ministériel se traduisent en accords et en "
            "plans d'action, puis en initiatives opérationnelles qui répondent aux "
            "enjeux migratoires communs.\n"
            "\n"
            "## Les partenaires\n"
            "\n"
            "Le dialogue associe quelque 57 pays partenaires d'Europe et d'Afrique, "
            "ainsi que la Commission européenne et la Communauté économique des États "
            "de l'Afrique de l'Ouest (CEDEAO). D'autres pays et plusieurs "
            "organisations internationales y participent en qualité d'observateurs.\n"
            "\n"
            "## Les grandes étapes\n"
            "\n"
            "- **2006, Rabat**\u00a0: la Conférence ministérielle euro-africaine sur "
            "la migration et le développement lance le processus et adopte une "
            "déclaration et un plan d'action.\n"
            "- **2008, Paris**\u00a0: la deuxième conférence ministérielle adopte le "
            "Programme de coopération de Paris, qui prolonge et précise les "
            "engagements pris à Rabat.\n"
            "- **2011, Dakar**\u00a0: en novembre, la troisième conférence "
            "ministérielle adopte la Stratégie de Dakar, articulée autour de trois "
            "piliers et d'un objectif transversal.\n"
            "- **2013-2015, troisième phase**\u00a0: entamée en janvier 2013, elle "
            "s'appuie sur un Projet de Soutien pour pérenniser le dialogue et "
            "accompagner la mise en œuvre de la Stratégie de Dakar.\n"
            "\n"
            "## Les acteurs\n"
            "\n"
            "### Les Points Focaux Nationaux\n"
            "\n"
            "Chaque pays partenaire désigne un Point Focal National, interlocuteur "
            "privilégié du processus. Ce réseau est complété par des points de contact "
            "thématiques, mobilisés sur les thèmes prioritaires.\n"
            "\n"
            "### Le Comité de Pilotage (CoPil)\n"
            "\n"
            "Le Comité de Pilotage dirige le dialogue\u00a0: il en fixe les "
            "orientations et prépare les réunions thématiques et de haut niveau. Pour "
            "la phase 2013-2015, il a choisi trois thèmes prioritaires\u00a0: "
            "l'utilisation des données pour la prise de décisions politiques informées "
            "(thème transversal), la gestion des frontières au niveau opérationnel et "
            "les migrations en situations de crise.\n"
            "\n"
            "### Le Secrétariat et le Projet de Soutien\n"
            "\n"
            "Le Projet de Soutien, financé par l'Union européenne et mis en œuvre par "
            "le Centre international pour le développement des politiques migratoires "
            "(ICMPD), assure le secrétariat du dialogue. Ses activités s'articulent "
            "autour de trois domaines, afin de pérenniser le dialogue tout en "
            "traduisant les discussions en activités opérationnelles\u00a0:\n"
            "\n"
            "1. **L'appui au processus de dialogue**\u00a0: organisation de réunions "
            "thématiques, de réunions de haut niveau et de réunions du Comité de "
            "Pilotage\u00a0; consolidation du réseau des Points Focaux Nationaux et "
            "des contacts thématiques.\n"
            "2. **Le développement des connaissances et des bonnes pratiques**\u00a0: "
            "utilisation des profils migratoires comme outils informant le "
            "développement de politiques et de programmes\u00a0; extension de la carte "
            "interactive sur la migration «\u00a0i-Map\u00a0» aux pays du Processus de "
            "Rabat.\n"
            "3. **La mise en œuvre de la Stratégie de Dakar**\u00a0: suivi de la "
            "Stratégie et mise à disposition d'une assistance technique, sur demande, "
            "pour appuyer des initiatives concrètes.\n"
            "\n"
            "## De nouveaux outils\n"
            "\n"
            "- une **base de contacts** des Points Focaux Nationaux et des points de "
            "contact thématiques\u00a0;\n"
            "- une **zone privée** du site internet, réservée aux Points Focaux, qui "
            "contient la base de contacts et des **forums thématiques** d'échange en "
            "ligne\u00a0;\n"
            "- la **Rabat Review**, lettre d'information trimestrielle du "
            "processus\u00a0;\n"
            "- l'**i-Map**, carte interactive sur la migration, étendue aux pays du "
            "Processus de Rabat\u00a0;\n"
            "- les **profils migratoires**, accompagnés de guides d'utilisation conçus "
            "sur mesure pour chaque pays participant\u00a0;\n"
            "- une **assistance technique sur demande**, à court terme et flexible, "
            "fondée sur le déploiement rapide d'experts.\n"
        ),
        "body_en": (
            "## From dialogue to concrete measures\n"
            "\n"
            "The Rabat Process, or Euro-African Dialogue on Migration and Development, "
            "is an intergovernmental dialogue backed by a ministerial mandate since "
            "2006. It brings together countries of origin, transit and destination of "
            "migration between Africa and Europe around a global and balanced approach "
            "to migration issues.\n"
            "\n"
            "Its ambition is to move from dialogue to concrete measures: commitments "
            "made at ministerial level are translated into agreements and action "
            "plans, and then into operational initiatives that respond to shared "
            "migration challenges.\n"
            "\n"
            "## The partners\n"
            "\n"
            "The dialogue involves some 57 partner countries of Europe and Africa, "
            "together with the European Commission and the Economic Community of West "
            "African States (ECOWAS). Other countries and several international "
            "organisations take part as observers.\n"
            "\n"
            "## Milestones\n"
            "\n"
            "- **2006, Rabat**: the Euro-African Ministerial Conference on Migration "
            "and Development launches the process and adopts a declaration and an "
            "action plan.\n"
            "- **2008, Paris**: the second ministerial conference adopts the Paris "
            "Cooperation Programme, which extends and details the commitments made in "
            "Rabat.\n"
            "- **2011, Dakar**: in November, the third ministerial conference adopts "
            "the Dakar Strategy, built around three pillars and a cross-cutting "
            "objective.\n"
            "- **2013-2015, third phase**: begun in January 2013, it relies on a "
            "Support Project to make the dialogue permanent and to support the "
            "implementation of the Dakar Strategy.\n"
            "\n"
            "## The actors\n"
            "\n"
            "### The National Focal Points\n"
            "\n"
            "Each partner country appoints a National Focal Point, the main contact of "
            "the process. This network is complemented by thematic contact points, who "
            "are involved in the priority themes.\n"
            "\n"
            "### The Steering Committee (CoPil)\n"
            "\n"
            "The Steering Committee steers the dialogue: it sets its direction and "
            "prepares the thematic and senior-level meetings. For the 2013-2015 phase, "
            "it has chosen three priority themes: using data for evidence-based policy "
            "making (cross-cutting theme), border management at the operational level "
            "and migration in crisis situations.\n"
            "\n"
            "### The Secretariat and the Support Project\n"
            "\n"
            "The Support Project, funded by the European Union and implemented by the "
            "International Centre for Migration Policy Development (ICMPD), acts as "
            "the secretariat of the dialogue. Its activities focus on three areas, so "
            "that the dialogue becomes permanent while discussions are translated into "
            "operational activities:\n"
            "\n"
            "1. **Supporting the dialogue process**: organising thematic meetings, "
            "senior-level meetings and Steering Committee meetings; consolidating the "
            "network of National Focal Points and thematic contacts.\n"
            "2. **Knowledge building and good practices**: using migration profiles as "
            "information tools for the development of policies and programmes; "
            "extending the Interactive Map on Migration (i-Map) to the Rabat Process "
            "countries.\n"
            "3. **Implementing the Dakar Strategy**: following up the Strategy and "
            "providing technical support, on demand, for the implementation of "
            "concrete initiatives.\n"
            "\n"
            "## New tools\n"
            "\n"
            "- a **contacts database** of National Focal Points and thematic contact "
            "points;\n"
            "- a **private area** of the website, reserved for the Focal Points, "
            "containing the contacts database and **thematic forums** for online "
            "exchanges;\n"
            "- the **Rabat Review**, the quarterly newsletter of the process;\n"
            "- the **i-Map**, the Interactive Map on Migration, extended to the Rabat "
            "Process countries;\n"
            "- **migration profiles**, accompanied by user guides tailored to each "
            "participating country;\n"
            "- **technical support on demand**, short-term and flexible, based on the "
            "rapid deployment of experts.\n"
        ),
    },
    "strategy": {
        "title_fr": "La Stratégie de Dakar",
        "title_en": "The Dakar Strategy",
        "intro_fr": (
            "Adoptée lors de la conférence ministérielle de Dakar en novembre 2011, la "
            "Stratégie de Dakar organise le dialogue autour de trois piliers et d'un "
            "objectif transversal, déclinés en dix objectifs."
        ),
        "intro_en": (
            "Adopted at the Dakar ministerial conference in November 2011, the Dakar "
            "Strategy organises the dialogue around three pillars and a cross-cutting "
            "objective, broken down into ten objectives."
        ),
        "body_fr": (
            "Accompagnée d'une Feuille de route, la Stratégie de Dakar sert de cadre à "
            "la troisième phase du processus. Le Projet de Soutien assure son suivi et "
            "met à disposition une assistance technique, sur demande des pays, pour "
            "appuyer la mise en œuvre d'initiatives concrètes.\n"
        ),
        "body_en": (
            "Accompanied by a Roadmap, the Dakar Strategy provides the framework for "
            "the third phase of the process. The Support Project follows up its "
            "implementation and provides technical support, at the request of "
            "countries, for the implementation of concrete initiatives.\n"
        ),
    },
    "themes": {
        "title_fr": "Thèmes prioritaires",
        "title_en": "Priority themes",
        "intro_fr": (
            "Pour la phase 2013-2015, le Comité de Pilotage a choisi trois thèmes "
            "prioritaires, chacun lié à un objectif de la Stratégie de Dakar."
        ),
        "intro_en": (
            "For the 2013-2015 phase, the Steering Committee has chosen three priority "
            "themes, each linked to an objective of the Dakar Strategy."
        ),
        "body_fr": (
            "Chaque thème fait l'objet d'une réunion thématique et oriente les "
            "activités du Projet de Soutien, notamment l'assistance technique mise à "
            "la disposition des pays partenaires.\n"
        ),
        "body_en": (
            "Each theme is the subject of a thematic meeting and guides the activities "
            "of the Support Project, in particular the technical support available to "
            "partner countries.\n"
        ),
    },
    "partners": {
        "title_fr": "Partenaires",
        "title_en": "Partners",
        "intro_fr": (
            "Le Processus de Rabat réunit quelque 57 pays partenaires d'Europe et "
            "d'Afrique, la Commission européenne et la CEDEAO, aux côtés de pays et "
            "d'organisations observateurs."
        ),
        "intro_en": (
            "The Rabat Process brings together some 57 partner countries of Europe and "
            "Africa, the European Commission and ECOWAS, alongside observer countries "
            "and organisations."
        ),
        "body_fr": (
            "Chaque pays partenaire désigne un Point Focal National, qui relaie le "
            "dialogue au niveau national et participe aux réunions du processus.\n"
        ),
        "body_en": (
            "Each partner country appoints a National Focal Point, who relays the "
            "dialogue at national level and takes part in the meetings of the "
            "process.\n"
        ),
    },
}

PILLARS = [
    {
        "number": 1,
        "title_fr": "Organiser la migration légale",
        "title_en": "Organising legal migration",
        "description_fr": (
            "Favoriser une mobilité légale, ordonnée et respectueuse des droits, en "
            "renforçant les échanges entre acteurs et les capacités des institutions "
            "nationales et régionales."
        ),
        "description_en": (
            "Promoting legal, orderly mobility that respects rights, by strengthening "
            "exchanges between stakeholders and the capacities of national and "
            "regional institutions."
        ),
    },
    {
        "number": 2,
        "title_fr": "Lutter contre la migration irrégulière",
        "title_en": "Fighting irregular migration",
        "description_fr": (
            "Améliorer la gestion des frontières, le retour et la réadmission, tout en "
            "renforçant la protection des groupes vulnérables et la sécurité de l'état "
            "civil."
        ),
        "description_en": (
            "Improving border management, return and readmission, while strengthening "
            "the protection of vulnerable groups and the security of civil "
            "registration."
        ),
    },
    {
        "number": 3,
        "title_fr": "Renforcer les synergies entre migration et développement",
        "title_en": "Strengthening synergies between migration and development",
        "description_fr": (
            "Faire de la migration un levier de développement pour les pays d'origine, "
            "grâce à une approche inclusive, aux transferts d'argent et à la "
            "solidarité des migrants."
        ),
        "description_en": (
            "Making migration a lever for the development of countries of origin, "
            "through an inclusive approach, remittances and the solidarity of migrants."
        ),
    },
]

OBJECTIVES = [
    {
        "number": 1,
        "pillar": 1,
        "title_fr": (
            "Faciliter les échanges entre les différents acteurs de la mobilité"
        ),
        "title_en": "To facilitate exchanges between the various actors of mobility",
        "description_fr": (
            "Rapprocher les administrations, les employeurs, les établissements de "
            "formation et les migrants eux-mêmes afin que la mobilité légale réponde "
            "aux besoins des pays d'origine comme de destination."
        ),
        "description_en": (
            "Bringing together administrations, employers, training institutions and "
            "migrants themselves so that legal mobility meets the needs of both "
            "countries of origin and countries of destination."
        ),
    },
    {
        "number": 2,
        "pillar": 1,
        "title_fr": (
            "Donner aux institutions nationales et régionales les moyens et capacités "
            "pour mettre en œuvre des politiques de mobilité"
        ),
        "title_en": (
            "To give national and regional institutions the means and capacities to "
            "implement mobility policies"
        ),
        "description_fr": (
            "Renforcer les capacités humaines et institutionnelles des administrations "
            "chargées de concevoir et d'appliquer les politiques de mobilité."
        ),
        "description_en": (
            "Strengthening the human and institutional capacities of the "
            "administrations responsible for designing and applying mobility policies."
        ),
    },
    {
        "number": 3,
        "pillar": 1,
        "title_fr": "Garantir aux migrants et aux réfugiés le respect de leurs droits",
        "title_en": (
            "To guarantee that the rights of migrants and refugees are respected"
        ),
        "description_fr": (
            "Veiller à ce que les droits des migrants et des réfugiés soient respectés "
            "à toutes les étapes du parcours migratoire."
        ),
        "description_en": (
            "Ensuring that the rights of migrants and refugees are respected at every "
            "stage of the migration journey."
        ),
    },
    {
        "number": 4,
        "pillar": 2,
        "title_fr": (
            "Améliorer la gestion des frontières, l'efficacité des procédures de "
            "réadmission et les conditions de retour des migrants en situation "
            "irrégulière"
        ),
        "title_en": (
            "To improve border management, the effectiveness of readmission procedures "
            "and the conditions of return of migrants in an irregular situation"
        ),
        "description_fr": (
            "Renforcer la coopération opérationnelle aux frontières et rendre le "
            "retour et la réadmission plus efficaces et plus dignes. Cet objectif est "
            "lié au thème prioritaire «\u00a0La gestion des frontières au niveau "
            "opérationnel\u00a0»."
        ),
        "description_en": (
            "Strengthening operational cooperation at borders and making return and "
            "readmission more effective and more dignified. This objective is linked "
            "to the priority theme “Border management at the operational level”."
        ),
    },
    {
        "number": 5,
        "pillar": 2,
        "title_fr": "Renforcer la protection des groupes vulnérables",
        "title_en": "To strengthen the protection of vulnerable groups",
        "description_fr": (
            "Mieux protéger les personnes les plus exposées, notamment les victimes de "
            "la traite et les mineurs non accompagnés. Cet objectif est lié au thème "
            "prioritaire «\u00a0Les migrations en situations de crise\u00a0»."
        ),
        "description_en": (
            "Better protecting the people most at risk, in particular victims of "
            "trafficking and unaccompanied minors. This objective is linked to the "
            "priority theme “Migration in crisis situations”."
        ),
    },
    {
        "number": 6,
        "pillar": 2,
        "title_fr": "Sécuriser et faciliter la gestion des registres d'état civil",
        "title_en": "To secure and facilitate the management of civil registers",
        "description_fr": (
            "Moderniser et fiabiliser l'état civil, base de documents d'identité et de "
            "voyage sûrs."
        ),
        "description_en": (
            "Modernising civil registration and making it more reliable, as the basis "
            "for secure identity and travel documents."
        ),
    },
    {
        "number": 7,
        "pillar": 3,
        "title_fr": (
            "Adopter une approche inclusive des questions de migration et développement"
        ),
        "title_en": (
            "To adopt an inclusive approach to migration and development issues"
        ),
        "description_fr": (
            "Associer l'ensemble des acteurs concernés, y compris les collectivités "
            "locales, la société civile et les diasporas, aux politiques de migration "
            "et développement."
        ),
        "description_en": (
            "Involving all the actors concerned, including local authorities, civil "
            "society and diasporas, in migration and development policies."
        ),
    },
    {
        "number": 8,
        "pillar": 3,
        "title_fr": (
            "Améliorer la mobilisation des transferts d'argent des migrants au "
            "bénéfice du développement des pays d'origine"
        ),
        "title_en": (
            "To improve the mobilisation of migrants' remittances for the benefit of "
            "the development of countries of origin"
        ),
        "description_fr": (
            "Faciliter des transferts d'argent plus sûrs et moins coûteux et "
            "encourager leur contribution au développement des pays d'origine."
        ),
        "description_en": (
            "Facilitating safer and cheaper remittances and encouraging their "
            "contribution to the development of countries of origin."
        ),
    },
    {
        "number": 9,
        "pillar": 3,
        "title_fr": "Valoriser le potentiel de solidarité des migrants",
        "title_en": "To make the most of the solidarity potential of migrants",
        "description_fr": (
            "Reconnaître et soutenir les initiatives que les migrants et leurs "
            "associations mènent en faveur de leurs pays d'origine."
        ),
        "description_en": (
            "Recognising and supporting the initiatives that migrants and their "
            "associations carry out for the benefit of their countries of origin."
        ),
    },
    {
        "number": 10,
        "pillar": None,
        "title_fr": (
            "Fonder la cohérence et la coordination des politiques sur l'acquisition "
            "et l'échange d'informations"
        ),
        "title_en": (
            "To base policy consistency and coordination on acquiring and sharing "
            "information"
        ),
        "description_fr": (
            "Objectif transversal de la Stratégie de Dakar, dont la Feuille de route "
            "souligne\u00a0: «\u00a0Il est indispensable de récolter des données sur "
            "les mouvements migratoires et de mettre en place des mécanismes "
            "permettant de les étudier\u00a0: ces données sont en effet décisives à la "
            "mise en place des politiques et mesures nécessaires à une gestion "
            "conjointe et mutuellement bénéfique de la migration.\u00a0»"
        ),
        "description_en": (
            "Cross-cutting objective of the Dakar Strategy, whose Roadmap states: “It "
            "is indispensable to collect data on migration movements and to implement "
            "mechanisms for their study: these mechanisms are indeed decisive to "
            "implement the policies and measures needed for joint, mutually beneficial "
            "management of migration.”"
        ),
    },
]

THEMES = [
    {
        "slug": "evidence-based-policy-making",
        "objective": 10,
        "is_cross_cutting": True,
        "title_fr": (
            "L'utilisation des données pour la prise de décisions politiques informées"
        ),
        "title_en": "Using data for evidence-based policy making",
        "summary_fr": (
            "Thème transversal de la troisième phase\u00a0: recueillir, partager et "
            "utiliser les données migratoires pour fonder les décisions politiques."
        ),
        "summary_en": (
            "Cross-cutting theme of the third phase: collecting, sharing and using "
            "migration data as a basis for policy decisions."
        ),
        "description_fr": (
            "Ce thème transversal s'inscrit dans le cadre de l'objectif 10 de la "
            "Stratégie de Dakar, qui vise à fonder la cohérence et la coordination des "
            "politiques sur l'acquisition et l'échange d'informations. Il a été au "
            "cœur de la réunion thématique «\u00a0Renforcer la prise de décisions "
            "politiques sur la base de données migratoires probantes\u00a0», tenue le "
            "11 septembre 2013 à Dakar (Sénégal) et coprésidée par le Sénégal et la "
            "Belgique.\n"
            "\n"
            "Deux nouveaux outils du Projet de Soutien y contribuent\u00a0: "
            "l'utilisation des **profils migratoires**, accompagnés de guides "
            "d'utilisation sur mesure, et l'extension de la carte interactive "
            "**i-Map** aux pays du Processus de Rabat.\n"
        ),
        "description_en": (
            "This cross-cutting theme falls within the framework of objective 10 of "
            "the Dakar Strategy, which aims to base policy consistency and "
            "coordination on acquiring and sharing information. It was at the heart of "
            "the thematic meeting “Strengthening evidence-based policy making in the "
            "field of migration”, held on 11 September 2013 in Dakar (Senegal) and "
            "co-chaired by Senegal and Belgium.\n"
            "\n"
            "Two new tools of the Support Project contribute to it: the use of "
            "**migration profiles**, accompanied by tailored user guides, and the "
            "extension of the **i-Map** interactive map to the Rabat Process "
            "countries.\n"
        ),
    },
    {
        "slug": "border-management",
        "objective": 4,
        "is_cross_cutting": False,
        "title_fr": "La gestion des frontières au niveau opérationnel",
        "title_en": "Border management at the operational level",
        "summary_fr": (
            "Renforcer la coopération concrète entre les services chargés de la "
            "gestion des frontières des pays partenaires."
        ),
        "summary_en": (
            "Strengthening practical cooperation between the border management "
            "services of partner countries."
        ),
        "description_fr": (
            "Ce thème est lié à l'objectif 4 de la Stratégie de Dakar\u00a0: améliorer "
            "la gestion des frontières, l'efficacité des procédures de réadmission et "
            "les conditions de retour des migrants en situation irrégulière. Il "
            "privilégie une approche opérationnelle, fondée sur l'échange "
            "d'expériences et de bonnes pratiques entre praticiens.\n"
            "\n"
            "Une réunion thématique «\u00a0La gestion des frontières au niveau "
            "opérationnel\u00a0» est organisée à Madrid (Espagne) en novembre 2013, "
            "coprésidée par l'Espagne et le Burkina Faso.\n"
        ),
        "description_en": (
            "This theme is linked to objective 4 of the Dakar Strategy: to improve "
            "border management, the effectiveness of readmission procedures and the "
            "conditions of return of migrants in an irregular situation. It favours an "
            "operational approach, based on the exchange of experience and good "
            "practices between practitioners.\n"
            "\n"
            "A thematic meeting on “Border management at the operational level” is "
            "organised in Madrid (Spain) in November 2013, co-chaired by Spain and "
            "Burkina Faso.\n"
        ),
    },
    {
        "slug": "migration-in-crisis-situations",
        "objective": 5,
        "is_cross_cutting": False,
        "title_fr": "Les migrations en situations de crise",
        "title_en": "Migration in crisis situations",
        "summary_fr": (
            "Mieux anticiper et gérer les mouvements migratoires provoqués par les "
            "crises, en protégeant les personnes les plus vulnérables."
        ),
        "summary_en": (
            "Better anticipating and managing the migration movements caused by "
            "crises, while protecting the most vulnerable people."
        ),
        "description_fr": (
            "Ce thème est lié à l'objectif 5 de la Stratégie de Dakar\u00a0: renforcer "
            "la protection des groupes vulnérables. Il porte sur la préparation et la "
            "réponse des États face aux mouvements migratoires liés aux crises, ainsi "
            "que sur la protection des migrants qui en sont affectés.\n"
            "\n"
            "Une réunion thématique «\u00a0Les migrations en situations de "
            "crise\u00a0» est prévue en France en mars 2014 (à confirmer), la "
            "coprésidence restant à déterminer.\n"
        ),
        "description_en": (
            "This theme is linked to objective 5 of the Dakar Strategy: to strengthen "
            "the protection of vulnerable groups. It covers how States prepare for and "
            "respond to crisis-related migration movements, and the protection of the "
            "migrants affected by them.\n"
            "\n"
            "A thematic meeting on “Migration in crisis situations” is planned in "
            "France in March 2014 (to be confirmed), with the co-chairmanship still to "
            "be decided.\n"
        ),
    },
]

COUNTRIES = [
    {
        "iso": "AT",
        "name_fr": "Autriche",
        "name_en": "Austria",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "BE",
        "name_fr": "Belgique",
        "name_en": "Belgium",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "BF",
        "name_fr": "Burkina Faso",
        "name_en": "Burkina Faso",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "BG",
        "name_fr": "Bulgarie",
        "name_en": "Bulgaria",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "BJ",
        "name_fr": "Bénin",
        "name_en": "Benin",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CD",
        "name_fr": "République démocratique du Congo",
        "name_en": "Democratic Republic of the Congo",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CF",
        "name_fr": "République centrafricaine",
        "name_en": "Central African Republic",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CG",
        "name_fr": "Congo",
        "name_en": "Congo",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CH",
        "name_fr": "Suisse",
        "name_en": "Switzerland",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "CI",
        "name_fr": "Côte d'Ivoire",
        "name_en": "Côte d'Ivoire",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CM",
        "name_fr": "Cameroun",
        "name_en": "Cameroon",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CV",
        "name_fr": "Cap-Vert",
        "name_en": "Cape Verde",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "CY",
        "name_fr": "Chypre",
        "name_en": "Cyprus",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "CZ",
        "name_fr": "République tchèque",
        "name_en": "Czech Republic",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "DE",
        "name_fr": "Allemagne",
        "name_en": "Germany",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "DK",
        "name_fr": "Danemark",
        "name_en": "Denmark",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "DZ",
        "name_fr": "Algérie",
        "name_en": "Algeria",
        "region": "africa",
        "status": "observer",
    },
    {
        "iso": "EE",
        "name_fr": "Estonie",
        "name_en": "Estonia",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "ES",
        "name_fr": "Espagne",
        "name_en": "Spain",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "FI",
        "name_fr": "Finlande",
        "name_en": "Finland",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "FR",
        "name_fr": "France",
        "name_en": "France",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "GA",
        "name_fr": "Gabon",
        "name_en": "Gabon",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "GB",
        "name_fr": "Royaume-Uni",
        "name_en": "United Kingdom",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "GH",
        "name_fr": "Ghana",
        "name_en": "Ghana",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "GM",
        "name_fr": "Gambie",
        "name_en": "Gambia",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "GN",
        "name_fr": "Guinée",
        "name_en": "Guinea",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "GQ",
        "name_fr": "Guinée équatoriale",
        "name_en": "Equatorial Guinea",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "GR",
        "name_fr": "Grèce",
        "name_en": "Greece",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "GW",
        "name_fr": "Guinée-Bissau",
        "name_en": "Guinea-Bissau",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "HR",
        "name_fr": "Croatie",
        "name_en": "Croatia",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "HU",
        "name_fr": "Hongrie",
        "name_en": "Hungary",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "IE",
        "name_fr": "Irlande",
        "name_en": "Ireland",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "IT",
        "name_fr": "Italie",
        "name_en": "Italy",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "LR",
        "name_fr": "Libéria",
        "name_en": "Liberia",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "LT",
        "name_fr": "Lituanie",
        "name_en": "Lithuania",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "LU",
        "name_fr": "Luxembourg",
        "name_en": "Luxembourg",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "LV",
        "name_fr": "Lettonie",
        "name_en": "Latvia",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "LY",
        "name_fr": "Libye",
        "name_en": "Libya",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "MA",
        "name_fr": "Maroc",
        "name_en": "Morocco",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "ML",
        "name_fr": "Mali",
        "name_en": "Mali",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "MR",
        "name_fr": "Mauritanie",
        "name_en": "Mauritania",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "MT",
        "name_fr": "Malte",
        "name_en": "Malta",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "NE",
        "name_fr": "Niger",
        "name_en": "Niger",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "NG",
        "name_fr": "Nigéria",
        "name_en": "Nigeria",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "NL",
        "name_fr": "Pays-Bas",
        "name_en": "Netherlands",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "NO",
        "name_fr": "Norvège",
        "name_en": "Norway",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "PL",
        "name_fr": "Pologne",
        "name_en": "Poland",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "PT",
        "name_fr": "Portugal",
        "name_en": "Portugal",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "RO",
        "name_fr": "Roumanie",
        "name_en": "Romania",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "SE",
        "name_fr": "Suède",
        "name_en": "Sweden",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "SI",
        "name_fr": "Slovénie",
        "name_en": "Slovenia",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "SK",
        "name_fr": "Slovaquie",
        "name_en": "Slovakia",
        "region": "europe",
        "status": "partner",
    },
    {
        "iso": "SL",
        "name_fr": "Sierra Leone",
        "name_en": "Sierra Leone",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "SN",
        "name_fr": "Sénégal",
        "name_en": "Senegal",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "ST",
        "name_fr": "Sao Tomé-et-Principe",
        "name_en": "São Tomé and Príncipe",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "TD",
        "name_fr": "Tchad",
        "name_en": "Chad",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "TG",
        "name_fr": "Togo",
        "name_en": "Togo",
        "region": "africa",
        "status": "partner",
    },
    {
        "iso": "TN",
        "name_fr": "Tunisie",
        "name_en": "Tunisia",
        "region": "africa",
        "status": "partner",
    },
]

ORGANISATIONS = [
    {
        "acronym_en": "EC",
        "acronym_fr": "CE",
        "name_en": "European Commission",
        "name_fr": "Commission européenne",
        "kind": "partner",
        "website": "https://commission.europa.eu",
        "description_fr": (
            "Partenaire du dialogue depuis son lancement, la Commission européenne y "
            "participe au nom de l'Union européenne, qui finance le Projet de Soutien "
            "au Processus de Rabat."
        ),
        "description_en": (
            "A partner of the dialogue since its launch, the European Commission takes "
            "part on behalf of the European Union, which funds the Support Project of "
            "the Rabat Process."
        ),
    },
    {
        "acronym_en": "ECOWAS",
        "acronym_fr": "CEDEAO",
        "name_en": "Economic Community of West African States",
        "name_fr": "Communauté économique des États de l'Afrique de l'Ouest",
        "kind": "partner",
        "website": "https://www.ecowas.int",
        "description_fr": (
            "Organisation régionale d'Afrique de l'Ouest, la CEDEAO est partenaire du "
            "dialogue aux côtés des pays et de la Commission européenne."
        ),
        "description_en": (
            "The regional organisation of West Africa, ECOWAS is a partner of the "
            "dialogue alongside the countries and the European Commission."
        ),
    },
    {
        "acronym_en": "ICMPD",
        "acronym_fr": "ICMPD",
        "name_en": "International Centre for Migration Policy Development",
        "name_fr": (
            "Centre international pour le développement des politiques migratoires"
        ),
        "kind": "implementing",
        "website": "https://www.icmpd.org",
        "description_fr": (
            "L'ICMPD met en œuvre le Projet de Soutien, qui assure le secrétariat du "
            "dialogue pendant la troisième phase du processus."
        ),
        "description_en": (
            "ICMPD implements the Support Project, which acts as the secretariat of "
            "the dialogue during the third phase of the process."
        ),
    },
    {
        "acronym_en": "IOM",
        "acronym_fr": "OIM",
        "name_en": "International Organization for Migration",
        "name_fr": "Organisation internationale pour les migrations",
        "kind": "observer",
        "website": "https://www.iom.int",
        "description_fr": (
            "Organisation intergouvernementale dédiée aux migrations, l'OIM suit les "
            "travaux du dialogue en qualité d'observateur."
        ),
        "description_en": (
            "The intergovernmental organisation dedicated to migration, IOM follows "
            "the work of the dialogue as an observer."
        ),
    },
    {
        "acronym_en": "UNHCR",
        "acronym_fr": "HCR",
        "name_en": "Office of the United Nations High Commissioner for Refugees",
        "name_fr": "Haut Commissariat des Nations unies pour les réfugiés",
        "kind": "observer",
        "website": "https://www.unhcr.org",
        "description_fr": (
            "Agence des Nations unies chargée de la protection des réfugiés, le HCR "
            "participe au dialogue en qualité d'observateur."
        ),
        "description_en": (
            "The United Nations agency responsible for the protection of refugees, "
            "UNHCR takes part in the dialogue as an observer."
        ),
    },
    {
        "acronym_en": "AUC",
        "acronym_fr": "CUA",
        "name_en": "African Union Commission",
        "name_fr": "Commission de l'Union africaine",
        "kind": "observer",
        "website": "https://au.int",
        "description_fr": (
            "Organe exécutif de l'Union africaine, la Commission de l'Union africaine "
            "suit le dialogue en qualité d'observateur."
        ),
        "description_en": (
            "The executive body of the African Union, the African Union Commission "
            "follows the dialogue as an observer."
        ),
    },
]

NEWS = [
    {
        "slug": "rabat-process-enters-its-third-phase",
        "countries": ["SN"],
        "published": "2013-01-15",
        "title_fr": "Le Processus de Rabat entre dans sa troisième phase",
        "title_en": "The Rabat Process enters its third phase",
        "summary_fr": (
            "Depuis janvier 2013, le Dialogue euro-africain sur la migration et le "
            "développement est entré dans sa troisième phase, consacrée à la mise en "
            "œuvre de la Stratégie de Dakar."
        ),
        "summary_en": (
            "Since January 2013, the Euro-African Dialogue on Migration and "
            "Development has been in its third phase, devoted to implementing the "
            "Dakar Strategy."
        ),
        "body_fr": (
            "Lancé en 2006 à Rabat, le Processus de Rabat est entré en janvier 2013 "
            "dans sa troisième phase, qui couvre la période 2013-2015. Cette phase "
            "s'inscrit dans le cadre de la Stratégie de Dakar, adoptée lors de la "
            "conférence ministérielle tenue à Dakar (Sénégal) en novembre 2011.\n"
            "\n"
            "Pour accompagner cette nouvelle étape, un Projet de Soutien financé par "
            "l'Union européenne et mis en œuvre par l'ICMPD assure le secrétariat du "
            "dialogue. Ses activités s'articulent autour de trois domaines\u00a0: "
            "l'appui au processus de dialogue, le développement des connaissances et "
            "des bonnes pratiques, et la mise en œuvre de la Stratégie de Dakar.\n"
            "\n"
            "L'objectif est double\u00a0: pérenniser le dialogue et traduire les "
            "discussions en activités opérationnelles. De nouveaux outils seront "
            "progressivement mis à la disposition des partenaires, parmi lesquels une "
            "base de contacts des Points Focaux Nationaux, une zone privée sur le site "
            "internet et la «\u00a0Rabat Review\u00a0», lettre d'information "
            "trimestrielle.\n"
        ),
        "body_en": (
            "Launched in Rabat in 2006, the Rabat Process entered its third phase in "
            "January 2013, covering the period 2013-2015. This phase falls within the "
            "framework of the Dakar Strategy, adopted at the ministerial conference "
            "held in Dakar (Senegal) in November 2011.\n"
            "\n"
            "To accompany this new stage, a Support Project funded by the European "
            "Union and implemented by ICMPD acts as the secretariat of the dialogue. "
            "Its activities focus on three areas: supporting the dialogue process, "
            "knowledge building and good practices, and implementing the Dakar "
            "Strategy.\n"
            "\n"
            "The aim is twofold: to make the dialogue permanent and to translate "
            "discussions into operational activities. New tools will gradually be made "
            "available to the partners, including a contacts database of National "
            "Focal Points, a private area on the website and the “Rabat Review”, a "
            "quarterly newsletter.\n"
        ),
    },
    {
        "slug": "steering-committee-chooses-three-priority-themes",
        "themes": [
            "evidence-based-policy-making",
            "border-management",
            "migration-in-crisis-situations",
        ],
        "meetings": ["steering-committee-october-2013"],
        "published": "2013-03-28",
        "title_fr": "Le Comité de Pilotage choisit trois thèmes prioritaires",
        "title_en": "The Steering Committee chooses three priority themes",
        "summary_fr": (
            "Pour la phase 2013-2015, le Comité de Pilotage a retenu trois thèmes "
            "prioritaires, chacun lié à un objectif de la Stratégie de Dakar."
        ),
        "summary_en": (
            "For the 2013-2015 phase, the Steering Committee has selected three "
            "priority themes, each linked to an objective of the Dakar Strategy."
        ),
        "body_fr": (
            "Le Comité de Pilotage (CoPil), qui dirige le dialogue, a choisi trois "
            "thèmes prioritaires pour la troisième phase du Processus de Rabat "
            "(2013-2015)\u00a0:\n"
            "\n"
            "- **L'utilisation des données pour la prise de décisions politiques "
            "informées**, thème transversal, en lien avec l'objectif 10 de la "
            "Stratégie de Dakar\u00a0;\n"
            "- **La gestion des frontières au niveau opérationnel**, en lien avec "
            "l'objectif 4\u00a0;\n"
            "- **Les migrations en situations de crise**, en lien avec l'objectif 5.\n"
            "\n"
            "Chacun de ces thèmes fera l'objet d'une réunion thématique. Ils orientent "
            "également l'assistance technique que le Projet de Soutien met à la "
            "disposition des pays partenaires.\n"
        ),
        "body_en": (
            "The Steering Committee (CoPil), which steers the dialogue, has chosen "
            "three priority themes for the third phase of the Rabat Process "
            "(2013-2015):\n"
            "\n"
            "- **Using data for evidence-based policy making**, a cross-cutting theme, "
            "linked to objective 10 of the Dakar Strategy;\n"
            "- **Border management at the operational level**, linked to objective 4;\n"
            "- **Migration in crisis situations**, linked to objective 5.\n"
            "\n"
            "Each of these themes will be the subject of a thematic meeting. They also "
            "guide the technical support that the Support Project makes available to "
            "partner countries.\n"
        ),
    },
    {
        "slug": "dakar-meeting-on-evidence-based-policy-making",
        "themes": ["evidence-based-policy-making"],
        "countries": ["SN"],
        "meetings": ["dakar-2013-evidence-based-policy-making"],
        "published": "2013-09-12",
        "title_fr": (
            "Réunion thématique de Dakar\u00a0: renforcer la prise de décisions "
            "politiques sur la base de données migratoires probantes"
        ),
        "title_en": (
            "Dakar thematic meeting: strengthening evidence-based policy making in the "
            "field of migration"
        ),
        "summary_fr": (
            "Le 11 septembre 2013, Dakar (Sénégal) a accueilli la première réunion "
            "thématique de la troisième phase, coprésidée par le Sénégal et la "
            "Belgique."
        ),
        "summary_en": (
            "On 11 September 2013, Dakar (Senegal) hosted the first thematic meeting "
            "of the third phase, co-chaired by Senegal and Belgium."
        ),
        "body_fr": (
            "Le 11 septembre 2013, les partenaires du Processus de Rabat se sont "
            "réunis à Dakar (Sénégal) pour une réunion thématique consacrée au "
            "renforcement de la prise de décisions politiques sur la base de données "
            "migratoires probantes. Coprésidée par le Sénégal et la Belgique, cette "
            "réunion portait sur le thème transversal de la troisième phase, dans le "
            "cadre de l'objectif 10 de la Stratégie de Dakar.\n"
            "\n"
            "La réunion poursuivait trois objectifs\u00a0:\n"
            "\n"
            "1. démontrer l'utilité du recours aux données migratoires pour fonder les "
            "décisions politiques\u00a0;\n"
            "2. présenter les outils à la disposition de la troisième phase du "
            "Processus de Rabat pour soutenir la prise de décisions politiques "
            "informées\u00a0;\n"
            "3. faire le point sur la mise en œuvre de la Stratégie de Dakar.\n"
            "\n"
            "Les résultats escomptés étaient d'identifier les principaux défis, les "
            "bonnes pratiques et des solutions communes pour la prise de décisions "
            "politiques informées, de lancer les activités relatives aux profils "
            "migratoires et à l'i-Map en identifiant les pays cibles, d'évaluer les "
            "progrès réalisés dans la mise en œuvre de la Stratégie de Dakar et de "
            "renforcer le réseau des Points Focaux Nationaux.\n"
        ),
        "body_en": (
            "On 11 September 2013, the partners of the Rabat Process met in Dakar "
            "(Senegal) for a thematic meeting on strengthening evidence-based policy "
            "making in the field of migration. Co-chaired by Senegal and Belgium, the "
            "meeting addressed the cross-cutting theme of the third phase, within the "
            "framework of objective 10 of the Dakar Strategy.\n"
            "\n"
            "The meeting had three objectives:\n"
            "\n"
            "1. to demonstrate the usefulness of drawing on migration data as a basis "
            "for policy decisions;\n"
            "2. to present the tools available during phase three of the Rabat Process "
            "for evidence-based policy making;\n"
            "3. to review the implementation of the Dakar Strategy.\n"
            "\n"
            "The expected results were to identify the main challenges, best practices "
            "and common solutions for evidence-based policy making, to launch the "
            "activities related to migration profiles and the i-Map and identify their "
            "target countries, to assess the progress made in implementing the Dakar "
            "Strategy and to strengthen the National Focal Points network.\n"
        ),
    },
    {
        "slug": "technical-support-available-on-demand",
        "themes": ["evidence-based-policy-making"],
        "published": "2013-09-25",
        "title_fr": "Une assistance technique disponible sur demande",
        "title_en": "Technical support available on demand",
        "summary_fr": (
            "Le Projet de Soutien met à la disposition des pays partenaires une "
            "assistance technique à court terme pour appuyer la mise en œuvre de la "
            "Stratégie de Dakar."
        ),
        "summary_en": (
            "The Support Project offers partner countries short-term technical support "
            "for the implementation of the Dakar Strategy."
        ),
        "body_fr": (
            "Nouvelle activité de la troisième phase, l'assistance technique du Projet "
            "de Soutien vise à appuyer la mise en œuvre d'initiatives concrètes au "
            "titre de la Stratégie de Dakar, adoptée à Dakar (Sénégal) en novembre "
            "2011.\n"
            "\n"
            "Ses caractéristiques clés\u00a0: elle est disponible dès à présent, **sur "
            "demande** du pays bénéficiaire\u00a0; elle repose sur le **déploiement "
            "rapide d'experts**\u00a0; elle est **à court terme et flexible**. Elle "
            "couvre les activités liées aux priorités thématiques de la troisième "
            "phase (la prise de décisions politiques informées, la gestion des "
            "frontières et les migrations en situations de crise) ainsi que le "
            "renforcement des capacités nationales sur le plan humain et "
            "institutionnel.\n"
            "\n"
            "À titre d'exemples, l'assistance technique peut prendre la forme\u00a0:\n"
            "\n"
            "- de l'organisation d'ateliers de formation\u00a0;\n"
            "- de l'identification d'initiatives concrètes, telles que des réformes "
            "politiques ou administratives ou le développement de programmes\u00a0;\n"
            "- de la création d'outils méthodologiques, comme des recommandations ou "
            "des lignes directrices.\n"
        ),
        "body_en": (
            "A new activity of the third phase, the technical support of the Support "
            "Project aims to back the implementation of concrete initiatives under the "
            "Dakar Strategy, adopted in Dakar (Senegal) in November 2011.\n"
            "\n"
            "Its key characteristics: it is available immediately, **at the request** "
            "of the beneficiary country; it relies on the **rapid deployment of "
            "experts**; it is **short-term and flexible**. It covers activities linked "
            "to the thematic priorities of the third phase (evidence-based policy "
            "making, border management and migration in crisis situations) as well as "
            "national capacity building at human and institutional level.\n"
            "\n"
            "Examples of technical support include:\n"
            "\n"
            "- the organisation of training workshops;\n"
            "- the identification of concrete initiatives, such as political or "
            "administrative reforms or programme development;\n"
            "- the creation of methodological tools, such as recommendations or "
            "guidelines.\n"
        ),
    },
    {
        "slug": "migration-profiles-and-i-map",
        "themes": ["evidence-based-policy-making"],
        "meetings": ["demo-expert-workshop-migration-profiles"],
        "published": "2013-10-08",
        "title_fr": (
            "Profils migratoires et i-Map\u00a0: vers des guides d'utilisation sur "
            "mesure"
        ),
        "title_en": "Migration profiles and i-Map: towards tailored user guides",
        "summary_fr": (
            "Lancée lors de la réunion de Dakar, l'activité profils migratoires "
            "aboutira à des guides d'utilisation conçus sur mesure pour chaque pays "
            "participant, tandis que l'i-Map est étendue aux pays du Processus de "
            "Rabat."
        ),
        "summary_en": (
            "Launched at the Dakar meeting, the migration profiles activity will "
            "produce user guides tailored to each participating country, while the "
            "i-Map is extended to the Rabat Process countries."
        ),
        "body_fr": (
            "Présentées lors de la réunion thématique de Dakar (Sénégal) en septembre "
            "2013, deux nouvelles activités du Projet de Soutien visent à développer "
            "et partager davantage les connaissances, afin de soutenir la prise de "
            "décisions politiques et de mieux comprendre la situation migratoire des "
            "pays partenaires.\n"
            "\n"
            "La première porte sur l'utilisation des **profils migratoires** comme "
            "outils informant le développement de politiques et de programmes. Elle "
            "vise à recenser les sources et les utilisateurs d'informations "
            "migratoires, à construire une compréhension commune de leur utilisation, "
            "à présenter et transférer les bonnes pratiques et à contribuer à la "
            "coordination des politiques migratoires nationales. Chaque pays "
            "participant recevra un guide d'utilisation concis et personnalisé, "
            "élaboré avec un groupe de travail national et lors d'ateliers nationaux "
            "de réflexion et de formation, puis endossé par l'autorité nationale "
            "coordinatrice avant sa publication. Une attention particulière sera "
            "portée à la gestion des frontières et aux migrations en situations de "
            "crise.\n"
            "\n"
            "Le calendrier prévoit la collecte des manifestations d'intérêt de "
            "septembre à novembre 2013, des questionnaires et une recherche "
            "documentaire de novembre 2013 à janvier 2014, des ateliers nationaux de "
            "février à juin 2014, la présentation de résultats préliminaires à la "
            "réunion des hauts fonctionnaires à la mi-2014 et la poursuite des travaux "
            "jusqu'en mai 2015.\n"
            "\n"
            "La seconde activité étend la **carte interactive sur la migration "
            "«\u00a0i-Map\u00a0»** aux pays du Processus de Rabat\u00a0; les résultats "
            "de l'activité profils migratoires y seront également disponibles.\n"
        ),
        "body_en": (
            "Presented at the Dakar (Senegal) thematic meeting in September 2013, two "
            "new activities of the Support Project aim to develop and share more "
            "knowledge, in order to support policy making and to better understand the "
            "migration situation of partner countries.\n"
            "\n"
            "The first concerns the use of **migration profiles** as information tools "
            "for the development of policies and programmes. It aims to map the "
            "sources and users of migration information, to build a common "
            "understanding of how that information is used, to present and transfer "
            "good practices and to contribute to the coordination of national "
            "migration policies. Each participating country will receive a concise, "
            "personalised user guide, drawn up with a national working group and "
            "through national reflection and training workshops, then endorsed by the "
            "coordinating national authority before publication. Special attention "
            "will be paid to border management and migration in crisis situations.\n"
            "\n"
            "The timetable provides for collecting expressions of interest from "
            "September to November 2013, questionnaires and desk research from "
            "November 2013 to January 2014, national workshops from February to June "
            "2014, the presentation of preliminary results to the Senior Officials "
            "Meeting in mid-2014, and continued work until May 2015.\n"
            "\n"
            "The second activity extends the **Interactive Map on Migration (i-Map)** "
            "to the Rabat Process countries; the results of the migration profiles "
            "activity will also be available there.\n"
        ),
    },
    {
        "slug": "madrid-meeting-on-border-management",
        "themes": ["border-management"],
        "countries": ["ES"],
        "meetings": ["madrid-2013-border-management"],
        "published": "2013-10-22",
        "title_fr": (
            "Gestion des frontières\u00a0: prochaine réunion thématique à Madrid"
        ),
        "title_en": "Border management: next thematic meeting in Madrid",
        "summary_fr": (
            "La réunion thématique consacrée à la gestion des frontières au niveau "
            "opérationnel se tiendra à Madrid en novembre 2013, coprésidée par "
            "l'Espagne et le Burkina Faso."
        ),
        "summary_en": (
            "The thematic meeting on border management at the operational level will "
            "take place in Madrid in November 2013, co-chaired by Spain and Burkina "
            "Faso."
        ),
        "body_fr": (
            "Après la réunion de Dakar (Sénégal) sur la prise de décisions politiques "
            "informées, la deuxième réunion thématique de la troisième phase du "
            "Processus de Rabat se tiendra à Madrid (Espagne) en novembre 2013. "
            "Coprésidée par l'Espagne et le Burkina Faso, elle sera consacrée à "
            "«\u00a0La gestion des frontières au niveau opérationnel\u00a0».\n"
            "\n"
            "Ce thème prioritaire, choisi par le Comité de Pilotage, est lié à "
            "l'objectif 4 de la Stratégie de Dakar\u00a0: améliorer la gestion des "
            "frontières, l'efficacité des procédures de réadmission et les conditions "
            "de retour des migrants en situation irrégulière.\n"
            "\n"
            "Le cycle se poursuivra avec une réunion thématique sur «\u00a0Les "
            "migrations en situations de crise\u00a0», prévue en France en mars 2014 "
            "(à confirmer), puis une réunion des hauts fonctionnaires à la mi-2014.\n"
        ),
        "body_en": (
            "After the Dakar (Senegal) meeting on evidence-based policy making, the "
            "second thematic meeting of the third phase of the Rabat Process will take "
            "place in Madrid (Spain) in November 2013. Co-chaired by Spain and Burkina "
            "Faso, it will be devoted to “Border management at the operational "
            "level”.\n"
            "\n"
            "This priority theme, chosen by the Steering Committee, is linked to "
            "objective 4 of the Dakar Strategy: to improve border management, the "
            "effectiveness of readmission procedures and the conditions of return of "
            "migrants in an irregular situation.\n"
            "\n"
            "The series will continue with a thematic meeting on “Migration in crisis "
            "situations”, planned in France in March 2014 (to be confirmed), followed "
            "by a Senior Officials Meeting in mid-2014.\n"
        ),
    },
]
