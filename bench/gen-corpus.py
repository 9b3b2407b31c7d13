#!/usr/bin/env python3
# Copied from the project's shared material (../shared/bench/gen-corpus.py);
# change: ISBNs are drawn again on collision, so 10,000 pages and more pass
# folio's isbn/duplicate rule.
"""Generate a deterministic Git repository of Markdown pages with YAML front
matter, shaped like a French cooperative research institute's website.

Collections (directory = collection):
  pages/          title
  events/         title, date, start, end, location, organizers (org slugs)
  people/         name, role, publications [{year, title, url}]
  books/          title, authors, publisher, date, isbn (ISBN-13, hyphenated,
                  valid check digit), ean, pages, language
  organizations/  name, url

Bodies: French-like prose, 300-1500 words, headings, lists, an occasional
table and footnote, 3-10 internal links ([text](/people/slug/)) and a few
external links. Same --seed and --pages give byte-identical files and the
same commit id.

Usage: gen-corpus.py --pages N --out DIR [--seed S]
Stdlib only.
"""
import argparse
import os
import random
import subprocess
import sys
import unicodedata

# Share of each collection in the corpus (sums to 1.0).
MIX = [("organizations", 0.05), ("pages", 0.10), ("events", 0.25),
       ("people", 0.30), ("books", 0.30)]

WORDS = """
la le les des une un du de et à en au aux pour par avec sans sur sous dans
entre vers chez selon depuis pendant où qui que dont ce cette ces leur leurs
son sa ses notre nos votre est sont été être avoir fait font peut doivent
recherche recherches coopérative coopératives économie sociale solidaire
société sociétés développement territoire territoires réseau réseaux
université universités chercheur chercheuse chercheurs étude études
formation formations action publique politiques politique démocratie
participation citoyens citoyenne professionnels acteurs collectivités
innovation expérimentation méthode méthodologie enquête enquêtes entretien
savoirs connaissance connaissances production diffusion publication
séminaire colloque journée rencontre atelier débat conférence programme
intervention évaluation accompagnement dispositif dispositifs santé
travail emploi insertion éducation populaire culture mémoire histoire
droit philosophie sociologie anthropologie géographie science sciences
médiation écologie transition énergie agriculture alimentation habitat
logement mobilité quartier quartiers ville villes rural rurale région
régionale nationale européenne internationale français française
réflexion réflexivité critique analyse analyses problématique enjeux
coopération mutualisation gouvernance associatif associative association
bénévoles salariés entreprise entreprises structure structures statut
intérêt général commun communs pratique pratiques usagers habitants
émergence émancipation égalité équité solidarité fraternité liberté
numérique données archives ouvrage ouvrages revue revues article articles
éditions collection chapitre thèse doctorat master laboratoire équipe
premier première deuxième nouvelle nouveau nouveaux nouvelles grand grande
petit petite plusieurs chaque tout toute tous toutes autre autres même
aussi ainsi donc alors encore déjà très plus moins bien mieux souvent
toujours parfois notamment également particulièrement désormais enfin
construire développer favoriser contribuer associer impliquer partager
questionner interroger analyser comprendre transformer accompagner
réaliser élaborer présenter publier organiser animer coordonner
mise œuvre place cœur sein regard égard lumière côté manière façon
""".split()

FIRST = """Marie Jean Pierre Claire Sophie Nicolas Julien Camille Élise Hélène
Théo Léa Chloé Zoé Noël Agnès Cécile Jérôme Frédéric Stéphane Régis Gaëlle
Anaïs Joël Raphaël Mathilde Benoît François Françoise Valérie Sébastien
Amélie Inès Loïc Aurélie Guillaume Thibault Émilie Margaux Océane Clément
Josée René Andrée Hervé Mélanie Célia Yannick Maëlle Solène""".split()

LAST = """Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau
Simon Laurent Lefèbvre Michel Garcia David Bertrand Roux Vincent Fournier
Morel Girard André Lefèvre Mercier Dupont Lambert Bonnet François Martinez
Legrand Garnier Faure Rousseau Blanc Guérin Muller Henry Roussel Nicolas
Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine Chevalier Robin
Masson Sánchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Gautier Roger
Roche Roy Noël Meyer Lucas Meunier Jean Pérez Marchand Dufour Blanchard
Barbier Brun Dumas Brunet Schmitt Leroux Colin Fernandez Pierre Renard
Arnaud Rolland Caron Aubert Giraud Leclerc Vidal Bourgeois Renaud Lemoine
Picard Gaillard Philippe Leclercq Lacroix Fabre Dupuis Olivier Rodríguez
Da_Silva Hubert Louis Charles Guillot Rivière Le_Gall Guillaume Adam Rey
Moulin Gonzalez Berger Lecomte Menard Fleury Deschamps Carpentier Julien
Benoît Paris Maillard Marchal Aubry Vasseur Le_Roux Renault Jacquet Collet
Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons Paul Laine Carré
Breton Rémy Schneider Perrot Guyot Barre Marty Cousin""".split("\n")
LAST = [w.replace("_", " ") for line in LAST for w in line.split()]

CITIES = """Montpellier Paris Lyon Marseille Toulouse Nantes Rennes Lille
Bordeaux Strasbourg Grenoble Clermont-Ferrand Besançon Dijon Nîmes Béziers
Perpignan Saint-Étienne Orléans Angers Poitiers Limoges Amiens Caen""".split()

ORG_KIND = ["Association", "Coopérative", "Institut", "Centre", "Fédération",
            "Collectif", "Réseau", "Laboratoire", "Université", "Fondation",
            "Union", "Maison", "Observatoire", "Atelier"]
ORG_TOPIC = ["de recherche appliquée", "d'innovation sociale",
             "de l'économie solidaire", "des savoirs impliqués",
             "d'éducation populaire", "pour la transition écologique",
             "des initiatives citoyennes", "de la coopération",
             "d'études territoriales", "du travail social",
             "des politiques publiques", "de la mémoire ouvrière",
             "des communs numériques", "de l'habitat participatif"]

EVENT_KIND = ["Séminaire", "Colloque", "Journée d'étude", "Rencontre",
              "Atelier", "Conférence", "Table ronde", "Université d'été",
              "Débat public", "Projection-débat"]

ROLES = ["chercheuse-coopérante", "chercheur-coopérant", "directrice",
         "directeur", "doctorante", "doctorant", "chargée d'études",
         "chargé d'études", "membre associé", "membre associée",
         "administratrice", "gérant", "post-doctorante", "ingénieur d'études"]

PUBLISHERS = ["Éditions La Découverte", "Presses universitaires de Rennes",
              "Éditions Érès", "Éditions de l'Atelier", "L'Harmattan",
              "Presses de Sciences Po", "Éditions du Croquant",
              "Presses universitaires de Grenoble", "Éditions Syllepse",
              "CNRS Éditions", "Éditions Champ social", "Le Bord de l'eau"]

# Publisher ranges for ISBN registration group 2 (French-speaking):
# (first prefix, last prefix) with the prefix length implied by the width.
GROUP2_RANGES = [("00", "19"), ("200", "349"), ("35000", "39999"),
                 ("400", "699"), ("7000", "8399"), ("84000", "89999"),
                 ("900000", "949999"), ("9500000", "9999999")]

EXT_SITES = ["https://www.cairn.info/revue-", "https://hal.science/hal-0",
             "https://www.persee.fr/doc/", "https://journals.openedition.org/",
             "https://www.legifrance.gouv.fr/jorf/id/JORFTEXT0000",
             "https://fr.wikipedia.org/wiki/", "https://www.insee.fr/fr/statistiques/"]


def slugify(text):
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    out, dash = [], False
    for c in t:
        if c.isalnum() and c.isascii():
            out.append(c)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def yq(s):
    """YAML double-quoted scalar."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def load_group2_ranges():
    """Registrant ranges of group 978-2 from the ISBN agency's RangeMessage.xml
    (testdata/isbn/ beside this script's folder), so that every generated ISBN is
    hyphenated as the agency says; falls back to GROUP2_RANGES without it."""
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "testdata", "isbn", "RangeMessage.xml")
    if not os.path.exists(path):
        return GROUP2_RANGES
    import xml.etree.ElementTree as ET
    out = []
    for g in ET.parse(path).getroot().iter("Group"):
        if g.findtext("Prefix") != "978-2":
            continue
        for rule in g.iter("Rule"):
            n = int(rule.findtext("Length"))
            lo, hi = rule.findtext("Range").split("-")
            if n:
                out.append((lo[:n], hi[:n]))
    return out or GROUP2_RANGES


RANGES2 = load_group2_ranges()


def isbn13(rng):
    """Hyphenated 978-2 ISBN-13 with a valid check digit, and its EAN."""
    lo, hi = rng.choice(RANGES2)
    pub = str(rng.randint(int(lo), int(hi))).zfill(len(lo))
    title_len = 9 - 1 - len(pub)  # 12 data digits: 978 + 2 + pub + title
    title = str(rng.randrange(10 ** title_len)).zfill(title_len)
    digits = "9782" + pub + title
    assert len(digits) == 12
    s = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
    check = (10 - s % 10) % 10
    return "978-2-%s-%s-%d" % (pub, title, check), digits + str(check)


class Gen:
    def __init__(self, seed, n):
        self.rng = random.Random(seed)
        self.n = n
        self.used = set()
        self.isbns = set()
        self.entries = []  # (collection, slug, front matter lines)

    def person_name(self):
        r = self.rng
        return "%s %s" % (r.choice(FIRST), r.choice(LAST))

    def words(self, k):
        return [self.rng.choice(WORDS) for _ in range(k)]

    def phrase(self, lo, hi):
        w = " ".join(self.words(self.rng.randint(lo, hi)))
        return w[0].upper() + w[1:]

    def unique_slug(self, coll, base):
        slug = slugify(base) or coll
        cand, i = slug, 2
        while (coll, cand) in self.used:
            cand = "%s-%d" % (slug, i)
            i += 1
        self.used.add((coll, cand))
        return cand

    def date(self, y0=2012, y1=2025):
        r = self.rng
        return "%04d-%02d-%02d" % (r.randint(y0, y1), r.randint(1, 12),
                                   r.randint(1, 28))

    # -- front matter per collection --------------------------------------
    def fm_organizations(self):
        r = self.rng
        name = "%s %s %s" % (r.choice(ORG_KIND), r.choice(ORG_TOPIC),
                             r.choice(CITIES))
        slug = self.unique_slug("organizations", name)
        return slug, name, ["name: " + yq(name),
                            "url: " + yq("https://www.%s.fr/" % slug)]

    def fm_pages(self):
        title = self.phrase(2, 6)
        slug = self.unique_slug("pages", title)
        return slug, title, ["title: " + yq(title)]

    def fm_events(self, orgs):
        r = self.rng
        title = "%s : %s" % (r.choice(EVENT_KIND), self.phrase(3, 8).lower())
        slug = self.unique_slug("events", title)
        h = r.randint(8, 17)
        start = "%02d:%s" % (h, r.choice(["00", "30"]))
        end = "%02d:%s" % (min(h + r.randint(1, 5), 22), r.choice(["00", "30"]))
        loc = "%d %s %s, %s" % (r.randint(1, 120), r.choice(
            ["rue", "avenue", "boulevard", "place", "allée"]),
            r.choice(["de la République", "Jean-Jaurès", "Victor-Hugo",
                      "des Arts", "Émile-Zola", "du Général-Leclerc"]),
            r.choice(CITIES))
        fm = ["title: " + yq(title), "date: " + self.date(),
              "start: " + yq(start), "end: " + yq(end),
              "location: " + yq(loc), "organizers:"]
        for o in r.sample(orgs, min(len(orgs), r.randint(1, 3))):
            fm.append("  - " + o)
        return slug, title, fm

    def fm_people(self):
        r = self.rng
        name = self.person_name()
        slug = self.unique_slug("people", name)
        fm = ["name: " + yq(name), "role: " + yq(r.choice(ROLES)),
              "publications:"]
        pubs = r.randint(0, 8)
        if pubs == 0:
            fm[-1] = "publications: []"
        for _ in range(pubs):
            t = self.phrase(4, 10)
            fm += ["  - year: %d" % r.randint(1995, 2025),
                   "    title: " + yq(t),
                   "    url: " + yq("https://hal.science/hal-%08d"
                                    % r.randrange(10 ** 8))]
        return slug, name, fm

    def fm_books(self, people_names):
        r = self.rng
        title = self.phrase(3, 9)
        slug = self.unique_slug("books", title)
        isbn, ean = isbn13(r)
        while ean in self.isbns:  # short title parts collide from ~5,000 books
            isbn, ean = isbn13(r)
        self.isbns.add(ean)
        fm = ["title: " + yq(title), "authors:"]
        for _ in range(r.randint(1, 3)):
            a = r.choice(people_names) if people_names and r.random() < 0.7 \
                else self.person_name()
            fm.append("  - " + yq(a))
        fm += ["publisher: " + yq(r.choice(PUBLISHERS)),
               "date: " + self.date(1990, 2025), "isbn: " + yq(isbn),
               "ean: " + yq(ean), "pages: %d" % r.randint(80, 640),
               "language: fr"]
        return slug, title, fm

    # -- body ----------------------------------------------------------------
    def sentence(self, links):
        r = self.rng
        ws = self.words(r.randint(8, 22))
        if r.random() < 0.35:
            w = ws.pop() + ","
            ws.insert(r.randint(2, len(ws) - 1), w)
        if links and r.random() < 0.25:
            ws.insert(r.randint(1, len(ws)), links.pop())
        s = " ".join(ws)
        return s[0].upper() + s[1:] + r.choice([".", ".", ".", " ?", " !"])

    def body(self, all_refs, self_ref):
        r = self.rng
        target = int(r.triangular(280, 1250, 280))
        links = []
        for coll, slug, label in r.sample(all_refs, min(len(all_refs),
                                                        r.randint(3, 10))):
            if (coll, slug) == self_ref:
                continue
            links.append("[%s](/%s/%s/)" % (label, coll, slug))
        for _ in range(r.randint(1, 3)):
            w = self.words(r.randint(2, 4))
            links.append("[%s](%s%s)" % (" ".join(w), r.choice(EXT_SITES),
                                         slugify("-".join(w))))
        r.shuffle(links)
        out, count, footnote = [], 0, False
        while count < target or links:
            x = r.random()
            if x < 0.10 and out:
                h = self.phrase(2, 6)
                out.append(("## " if r.random() < 0.8 else "### ") + h)
                count += len(h.split())
            elif x < 0.17:
                items = []
                for _ in range(r.randint(3, 6)):
                    it = self.phrase(3, 12)
                    if links and r.random() < 0.3:
                        it += " " + links.pop()
                    items.append("- " + it)
                    count += len(it.split())
                out.append("\n".join(items))
            elif x < 0.19 and count > 100:
                rows = ["| Année | Action | Lieu |", "|---|---|---|"]
                for _ in range(r.randint(2, 5)):
                    rows.append("| %d | %s | %s |" % (
                        r.randint(1996, 2025), self.phrase(2, 5),
                        r.choice(CITIES)))
                out.append("\n".join(rows))
                count += 4 * (len(rows) - 2)
            else:
                sents = [self.sentence(links) for _ in range(r.randint(2, 6))]
                if not footnote and count > 150 and r.random() < 0.05:
                    sents[-1] += "[^1]"
                    footnote = True
                p = " ".join(sents)
                out.append(p)
                count += len(p.split())
        if footnote:
            out.append("[^1]: " + self.sentence([]))
        return "\n\n".join(out) + "\n"

    def run(self, outdir):
        r = self.rng
        counts, left = [], self.n
        for coll, share in MIX:
            counts.append([coll, max(1, int(round(self.n * share)))])
        counts[-1][1] = max(1, self.n - sum(c for _, c in counts[:-1]))
        # Front matter first, so bodies can link to any page.
        fms = []  # (coll, slug, label, fm)
        orgs, people = [], []
        for coll, c in counts:
            for _ in range(c):
                if coll == "organizations":
                    slug, label, fm = self.fm_organizations()
                    orgs.append(slug)
                elif coll == "pages":
                    slug, label, fm = self.fm_pages()
                elif coll == "events":
                    slug, label, fm = self.fm_events(orgs)
                elif coll == "people":
                    slug, label, fm = self.fm_people()
                    people.append(label)
                else:
                    slug, label, fm = self.fm_books(people)
                fms.append((coll, slug, label, fm))
        refs = [(c, s, l) for c, s, l, _ in fms]
        for coll, _ in counts:
            os.makedirs(os.path.join(outdir, coll), exist_ok=True)
        for coll, slug, label, fm in fms:
            text = "---\n" + "\n".join(fm) + "\n---\n\n" + \
                self.body(refs, (coll, slug))
            with open(os.path.join(outdir, coll, slug + ".md"), "w",
                      encoding="utf-8", newline="\n") as f:
                f.write(text)
        return counts


def git(outdir, *args):
    env = dict(os.environ, GIT_AUTHOR_NAME="Corpus Generator",
               GIT_AUTHOR_EMAIL="corpus@example.org",
               GIT_COMMITTER_NAME="Corpus Generator",
               GIT_COMMITTER_EMAIL="corpus@example.org",
               GIT_AUTHOR_DATE="2025-01-01T00:00:00+0000",
               GIT_COMMITTER_DATE="2025-01-01T00:00:00+0000")
    subprocess.run(["git", "-C", outdir] + list(args), check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    if a.pages < len(MIX):
        sys.exit("--pages must be at least %d" % len(MIX))
    if os.path.exists(a.out) and os.listdir(a.out):
        sys.exit("%s exists and is not empty" % a.out)
    os.makedirs(a.out, exist_ok=True)
    counts = Gen(a.seed, a.pages).run(a.out)
    git(a.out, "init", "-q", "-b", "main")
    git(a.out, "config", "core.autocrlf", "false")
    git(a.out, "add", "-A")
    git(a.out, "commit", "-q", "-m",
        "Corpus: %d pages, seed %d" % (a.pages, a.seed))
    print(" ".join("%s=%d" % (c, n) for c, n in counts), file=sys.stderr)


if __name__ == "__main__":
    main()
