"""Every piece of prose of the reference paper, as a reader sees it.

The reference paper is "Tensions in Russian - Iranian relations" (The Reut
Institute, 2007; shared/seeds/000_aee8fc43df1cb1e4.txt), written in .arg as
examples/russia-iran.arg. Tests of the tree, the HTML and the PDF check that
each string below appears, word for word, in what they produce.

Each string is an exact substring of the seed text (tests/test_examples.py
checks that), chosen so that it is also an exact substring of the rendered
text:

- A heading that the seed runs into its first sentence ("...outside
  interferenceRussia's joint proclamation...") or joins to it with a dash
  is listed as two strings, the title and the sentence.
- A sentence with a quotation is cut where the quotation starts and ends: the
  renderer chooses the quotation marks and puts a citation mark after the
  closing one, so neither belongs to the words listed here.
- The source list at the end ("Haaretz, 3/20/07; full text.") is not prose: a
  renderer formats sources in its own way. Their outlets and dates are
  checked in tests/test_examples.py.
"""

from __future__ import annotations

TITLE = "Tensions in Russian - Iranian relations"

# The standfirst: the paper's summary.
SUMMARY = (
    "Statements by Russian Security Council Secretary Igor Ivanov reflect inherent tensions within "
    "the different components of Russia's foreign policy position towards Iran."
)

# The two statements Ivanov made, as quoted from Interfax.
IVANOV_QUOTATIONS = (
    "the possible acquisition of nuclear weapons by Iran would directly and indirectly be a threat "
    "to Russia's interests",
    "We oppose attempts to use this issue as an instrument of pressure or interference in Iran's internal affairs.",
)

# Headings of the seed: the paper's title, one section and six statement titles.
HEADINGS = (
    TITLE,
    "Russian Foreign Policy",
    "Maintaining Great Power status",
    "Protecting State Sovereignty from outside interference",
    "Keeping its influence in its 'Near Abroad'",
    "Preventing further nuclear proliferation",
    "Economic Sphere",
    "Political and Military Sphere",
)

# Every sentence (or, around a quotation, piece of a sentence) of the seed's
# prose, in the seed's order.
PROSE = (
    SUMMARY,
    "Two statements by Russian Security Council Secretary Igor Ivanov to the Russian Council on "
    "Foreign and Defense Policy represent two different national security priorities that Russia "
    "is trying to balance.",
    "Russia's Interfax news reported Ivanov as saying that",
    IVANOV_QUOTATIONS[0],
    "At the same time, he declared that",
    IVANOV_QUOTATIONS[1],
    "Russia's foreign policy is made up of four components many of which are reflected in its relationship with Iran.",
    "Putin recently spoke out against US unilateralism and takes an independent line from the "
    "Quartet with regards to Hamas.",
    "In addition, it has expressed its opposition to harsher sanctions against Iran.",
    "Russia's joint proclamation with China supporting each other's positions on Chechnya, Taiwan and Tibet.",
    "These policies are also expressed in Russia's position regarding American involvement in "
    "Afghanistan, Iraq and Iran.",
    "Russia sees NATO expansion and the proposed US rocket shield in Eastern Europe as its biggest threat.",
    "In addition it looks to expand its influence in the Middle East, and keeps close ties with "
    "Saudi Arabia and Iran by selling arms.",
    "Russia recently stopped transferring energy to the Busher reactor and stand with the US "
    "against the Iranian nuclear project.",
    "The Reut Institute identifies inherent tensions within the different components of Russia's "
    "foreign policy position towards Iran:",
    "Russia's sales of arms, nuclear knowledge and services to Iran are based on profits not ideology.",
    "It is in Russia's interest to maintain Iran's economic dependency towards her.",
    "Simultaneously, Russia does not want to see Iran militarily and politically strong nor with "
    "the ability to improve its own productive capacity.",
    "This is to ensure such economic dependency continues and to prevent Iran becoming a regional power.",
    "Ivanov's statements represent two other central aspects of Russian Foreign Policy that "
    "conflict with one another; that of preventing the emergence of another nuclear power as well "
    "as representing itself as protecting State Sovereignty in the international system.",
)

# Everything a reader of the compiled paper must find: headings and prose.
SEED_SENTENCES: tuple[str, ...] = HEADINGS + PROSE
