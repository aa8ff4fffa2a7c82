/**
 * The text of the demo PDF (a think-tank report), laid out by make-demo-pdf.ts. Helvetica in a
 * PDF only encodes WinAnsi, so everything here is plain ASCII: Arabic-script names are given in
 * transliteration only.
 */

export type ReportBlock =
  | { kind: "title" | "subtitle" | "heading" | "paragraph" | "bullet"; text: string }
  | { kind: "pageBreak" };

export const REPORT_TITLE = "Harvand After the Ceasefire: A Risk Assessment";
export const REPORT_AUTHOR = "Leyla Mirzaei and Tomas Berglund";
export const REPORT_PUBLISHER = "Meridian Institute for Border Studies (fictional)";
export const REPORT_DATE = "2025-05-20";

export const REPORT_BLOCKS: ReportBlock[] = [
  { kind: "title", text: REPORT_TITLE },
  { kind: "subtitle", text: `${REPORT_PUBLISHER} - Risk Assessment No. 4 - 20 May 2025` },
  { kind: "subtitle", text: `By ${REPORT_AUTHOR}` },
  {
    kind: "paragraph",
    text:
      "Note: this is a fictional report generated for the Tracewell demo. Kestan, Harvand, Dalvara, Ostrana, " +
      "the Black Mountain Front and every person and figure in it are invented.",
  },
  { kind: "heading", text: "Key findings" },
  {
    kind: "bullet",
    text:
      "The Black Mountain Front (BMF), also known by its Dari name Jabha-ye Koh-e Siyah (JKS), has roughly " +
      "2,000-4,000 full-time fighters, according to the International Observer Mission in Kestan (IOMK). " +
      "Ostranian officials put the figure at more than 4,000; the Provisional Council says a few hundred.",
  },
  {
    kind: "bullet",
    text:
      "Nearly 400 members of the council's border brigades have defected to the group since the ceasefire, " +
      "the IOMK said. Council officials denied that any defections had taken place.",
  },
  {
    kind: "bullet",
    text:
      "Between 2,500 and 8,500 families have been displaced from the Sarbagh and Kalan Dara valleys. " +
      "More than 60,000 people have crossed into Dalvara, according to Dalvaran clerics.",
  },
  {
    kind: "bullet",
    text:
      "We assess the risk of a wider offensive before the winter as moderate, and the risk of the conflict " +
      "spreading into Dalvara's border districts as low but rising.",
  },
  { kind: "heading", text: "1. Background" },
  {
    kind: "paragraph",
    text:
      "The Front grew out of a water-rights dispute in 2021 in which, by the council's own figures, about " +
      "130,000 hectares of grazing and farmland in Harvand changed hands. Its founder, Mawlawi Abdul Samad " +
      "Harvandi, a former provincial judge, broke with the council in 2022. Council officials have since " +
      "called his fighters \"the Ridge Jackals\", a label the group rejects. The group's media outlet, Siyah " +
      "Koh Media, told followers in March that the Front was fighting \"the council, not the sons of Harvand\".",
  },
  {
    kind: "paragraph",
    text:
      "The ceasefire agreement of 2024 froze the front lines around the provincial capital, Meshkan, but left " +
      "the high valleys outside any monitoring arrangement. The IOMK has six patrol teams for a province of " +
      "roughly 1.1 million people; its head, Ingrid Solheim, told the guarantor states in April that the " +
      "mission needed \"at least twice\" that number.",
  },
  { kind: "pageBreak" },
  { kind: "heading", text: "2. How strong is the Front?" },
  {
    kind: "paragraph",
    text:
      "Estimates of the group's size differ by an order of magnitude. The council's spokesman, Hamidullah " +
      "Sarbaz, has repeatedly said that \"a few hundred criminals\" are active in the valleys. Ostranian Deputy " +
      "Foreign Minister Pavel Dorin told journalists that his government's range was between 3,500 and 5,200. " +
      "The IOMK range of 2,000-4,000 counts only full-time members. Part of the difference is definitional: " +
      "each source counts a different circle of fighters around the same core.",
  },
  {
    kind: "paragraph",
    text:
      "The group itself claims much more. A BMF spokesman, Qari Yunus Tabish, said the Front controlled nearly " +
      "a quarter of Harvand's districts; we consider this overstated. Our own field interviews suggest that " +
      "the group holds two districts outright and contests three more, which is roughly 20 per cent of the " +
      "province's 24 districts.",
  },
  { kind: "heading", text: "3. Money and supply" },
  {
    kind: "paragraph",
    text:
      "Deputy Interior Minister Qudratullah Rahimzai alleged that Dalvaran intelligence gave the Front six " +
      "pickup trucks and at least 1.3 million dollars in cash. Dalvara's interior ministry denied the charge. " +
      "Researchers in Qasimpur estimate that between 10 and 15 per cent of the diesel sold in Dalvara's border " +
      "districts reaches Harvand. Taxing that trade, rather than foreign money, appears to be the Front's main " +
      "source of income: a former finance officer told analysts that the group runs seven toll points.",
  },
  { kind: "heading", text: "4. Scenarios to the end of the year" },
  {
    kind: "bullet",
    text:
      "Stalemate (most likely, about 55%): the council holds Meshkan and the main road; the Front taxes the " +
      "valleys and carries out a few hundred small attacks, mostly on checkpoints.",
  },
  {
    kind: "bullet",
    text:
      "Escalation (about 30%): the council closes the Kalan Dara track and the Front moves to the Darwaz Gate " +
      "route, where it already claims to operate checkpoints. Displacement would rise sharply.",
  },
  {
    kind: "bullet",
    text:
      "Talks (about 15%): the appeal by 112 Dalvaran clerics gains support in Zarabad. The council has so " +
      "far said it has \"no intention\" of negotiating.",
  },
  { kind: "heading", text: "5. Indicators to watch" },
  {
    kind: "paragraph",
    text:
      "Defections from the border brigades; the price of diesel in Meshkan; the number of vehicles on the " +
      "Kalan Dara track, which observers counted at between 140 and 210 a day in March; and whether the " +
      "council allows the IOMK into its two detention sites. A sustained rise in any two of these would lead " +
      "us to raise our risk rating.",
  },
];
