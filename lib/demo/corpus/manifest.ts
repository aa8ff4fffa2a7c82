import { REPORT_AUTHOR, REPORT_DATE, REPORT_PUBLISHER, REPORT_TITLE } from "./harvand-risk-assessment";

/**
 * The demo corpus: fictional analyst-style sources about an invented conflict (Kestan's Harvand
 * Province and the armed group known as the Black Mountain Front, BMF, JKS, جبهه کوه سیاه,
 * "the Ridge Jackals", BMF-H, Siyahkohi…). Each entry is uploaded under `filename`; its bytes come
 * from a file in ./sources/ or are generated at seed time, so that edge cases which do not
 * survive a git checkout well (CRLF line endings, binary PDF) stay reproducible.
 */
export interface DemoSource {
  /** The name the file is uploaded under (its extension picks the importer). */
  filename: string;
  origin:
    | { kind: "file"; path: string } // relative to ./sources/
    | { kind: "crlf"; path: string } // an LF file in ./sources/, uploaded with CRLF line endings
    | { kind: "pdf" }; // makeDemoPdf()
  metadata: {
    title: string;
    author: string;
    publisher: string;
    publishedOn: string;
    sourceUrl: string;
    language: "en";
  };
}

export const DEMO_SOURCES: DemoSource[] = [
  {
    filename: "harvand-fighter-estimates.txt",
    origin: { kind: "file", path: "harvand-fighter-estimates.txt" },
    metadata: {
      title: "Observers Warn the Black Mountain Front Is Growing Faster Than Zarabad Admits",
      author: "Daniel Ashford",
      publisher: "Northline Review (fictional)",
      publishedOn: "2025-03-14",
      sourceUrl: "https://northline-review.example.com/2025/03/harvand-fighter-estimates",
      language: "en",
    },
  },
  {
    filename: "siyah-koh-channel-post.txt",
    origin: { kind: "file", path: "siyah-koh-channel-post.txt" },
    metadata: {
      title: "Translated channel post: Siyah Koh Media, 21 March 2025",
      author: "Siyah Koh Media (translated by Lowgate Analytics)",
      publisher: "Lowgate Analytics (fictional)",
      publishedOn: "2025-03-21",
      sourceUrl: "https://lowgate.example.org/monitoring/2025-03-21-siyah-koh-media",
      language: "en",
    },
  },
  {
    filename: "observer-briefing-sarbagh.txt",
    origin: { kind: "crlf", path: "observer-briefing-sarbagh.txt" },
    metadata: {
      title: "IOMK Field Briefing No. 17: Movement Through the Sarbagh Corridor",
      author: "IOMK Harvand field team",
      publisher: "International Observer Mission in Kestan (fictional)",
      publishedOn: "2025-04-02",
      sourceUrl: "https://iomk.example.org/briefings/field-briefing-17",
      language: "en",
    },
  },
  {
    filename: "five-names-one-front.html",
    origin: { kind: "file", path: "five-names-one-front.html" },
    metadata: {
      title: "Five Names, One Front: Who Is Fighting in Harvand?",
      author: "Tomas Berglund",
      publisher: "Meridian Institute for Border Studies (fictional)",
      publishedOn: "2025-04-18",
      sourceUrl: "https://meridian.example.org/commentary/five-names-one-front",
      language: "en",
    },
  },
  {
    filename: "dalvara-clerics-appeal.txt",
    origin: { kind: "file", path: "dalvara-clerics-appeal.txt" },
    metadata: {
      title: "Dalvaran Clerics Urge Talks With Harvand Fighters as Zarabad Hardens Its Line",
      author: "Sana Iqbal",
      publisher: "Eastfield Gazette (fictional)",
      publishedOn: "2025-04-26",
      sourceUrl: "https://eastfield-gazette.example.com/news/2025/04/26/dalvara-clerics-appeal",
      language: "en",
    },
  },
  {
    filename: "bmf-financing-note.md",
    origin: { kind: "file", path: "bmf-financing-note.md" },
    metadata: {
      title: "Analyst Note: How the Black Mountain Front Pays Its Fighters",
      author: "Marta Kovalenko",
      publisher: "Lowgate Analytics (fictional)",
      publishedOn: "2025-05-08",
      sourceUrl: "https://lowgate.example.org/notes/la-2025-09",
      language: "en",
    },
  },
  {
    filename: "harvand-risk-assessment.pdf",
    origin: { kind: "pdf" },
    metadata: {
      title: REPORT_TITLE,
      author: REPORT_AUTHOR,
      publisher: REPORT_PUBLISHER,
      publishedOn: REPORT_DATE,
      sourceUrl: "https://meridian.example.org/research/harvand-after-the-ceasefire.pdf",
      language: "en",
    },
  },
];
