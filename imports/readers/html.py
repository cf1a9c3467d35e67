"""HTML → blocks, with the standard library's html.parser.

h1–h6 are headings, li are list items, p/div/br end paragraphs, table/tr/td/th make
tables, b/strong give bold lead-ins. Scripts, styles and navigation are skipped.
"""

from html.parser import HTMLParser

from imports.blocks import Cell, Paragraph, Table, bold_lead_of

SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer", "svg"}
BLOCK = {
    "p",
    "div",
    "li",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "blockquote",
    "dd",
    "dt",
    "header",
    "main",
    "ul",
    "ol",
    "table",
}


def read_html(data, deadline):
    from imports.safety import decode_text

    parser = _Parser(deadline)
    parser.feed(decode_text(data))
    parser.close()
    parser.end_paragraph()
    return parser.blocks


class _Parser(HTMLParser):
    def __init__(self, deadline):
        super().__init__(convert_charrefs=True)
        self.deadline = deadline
        self.blocks = []
        self.segments = []  # (text, bold) of the paragraph being read
        self.level = 0
        self.list_depth = 0
        self.lists = []  # open <ul>/<ol>: [tag, items seen]
        self.in_item = False
        self.item_paragraphs = 0  # paragraphs read in the open <li>
        self.bold = 0
        self.skip = 0
        self.tables = []  # stack of tables being read: rows, current row, cell parts
        self.count = 0

    def handle_starttag(self, tag, attrs):
        self.count += 1
        if self.count % 500 == 0:
            self.deadline.check()
        if tag in SKIP:
            self.skip += 1
            return
        if tag in ("b", "strong"):
            self.bold += 1
        elif tag == "table":
            self.end_paragraph()
            self.tables.append({"rows": [], "row": None, "cell": None})
        elif self.tables and tag == "tr":
            self.tables[-1]["row"] = []
        elif self.tables and tag in ("td", "th"):
            self.tables[-1]["cell"] = []
            self.segments = []
        elif tag in BLOCK:
            self.end_paragraph()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.level = int(tag[1])
            elif tag in ("ul", "ol"):
                self.list_depth += 1
                start = dict(attrs).get("start") if tag == "ol" else None
                first = int(start) - 1 if start and str(start).isdigit() else 0
                self.lists.append([tag, first])
            elif tag == "li":
                self.in_item = True
                self.item_paragraphs = 0
                if self.lists:
                    self.lists[-1][1] += 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(self.skip - 1, 0)
            return
        if tag in ("b", "strong"):
            self.bold = max(self.bold - 1, 0)
        elif self.tables and tag in ("td", "th"):
            self.end_paragraph()
            table = self.tables[-1]
            parts = table["cell"] or []
            if table["row"] is None:
                table["row"] = []
            lead = parts[0][1] if parts else ""
            table["row"].append(Cell("\n".join(text for text, _ in parts), lead))
            table["cell"] = None
        elif self.tables and tag == "tr":
            table = self.tables[-1]
            if table["row"]:
                table["rows"].append(table["row"])
            table["row"] = None
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            if table["rows"]:
                width = max(len(r) for r in table["rows"])
                rows = [r + [Cell()] * (width - len(r)) for r in table["rows"]]
                self.blocks.append(Table(rows))
        elif tag in BLOCK:
            self.end_paragraph()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.level = 0
            elif tag in ("ul", "ol"):
                self.list_depth = max(self.list_depth - 1, 0)
                if self.lists:
                    self.lists.pop()
                self.in_item = bool(self.lists)
                self.item_paragraphs = 1  # text after a nested list continues the item
            elif tag == "li":
                self.in_item = False

    def handle_data(self, data):
        if not self.skip:
            self.segments.append((data, self.bold > 0))

    def end_paragraph(self):
        text = " ".join("".join(t for t, _ in self.segments).split())
        lead = bold_lead_of(self.segments)
        self.segments = []
        if not text:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"].append((text, lead))
            return
        marker, depth = "", 0
        if self.in_item and not self.level and self.lists:
            depth = len(self.lists) - 1
            if self.item_paragraphs == 0:
                tag, count = self.lists[-1]
                marker = f"{count}." if tag == "ol" else "bullet"
            self.item_paragraphs += 1
        self.blocks.append(
            Paragraph(
                text,
                level=self.level,
                list_item=self.in_item and not self.level,
                bold_lead=lead,
                marker=marker,
                depth=depth,
            )
        )
