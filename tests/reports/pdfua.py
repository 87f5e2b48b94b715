"""The machine-checkable rules of PDF/UA-1 (ISO 14289-1), read with pikepdf.

``problems(data)`` lists every failure it finds, each labelled with the Matterhorn
Protocol failure condition (or, where the rule is the standard's own, the clause of
ISO 14289-1) it breaks, so a failing test says what is wrong and where. It checks:

- a tagged PDF: /MarkInfo /Marked true (7.1), and not /Suspects (Matterhorn 01-007);
- XMP metadata (06-001) with the PDF/UA identifier pdfuaid:part 1 (06-002) and a
  dc:title (06-003) that viewers show: /ViewerPreferences /DisplayDocTitle true (07-001);
- the document's language, /Lang in the catalog (11-001);
- a structure tree (7.1) whose every role is standard or role-mapped to one (02-001),
  with no circular mapping (02-003) and no standard role remapped (02-004);
- no untagged content (01-005): every text, image, shading and path-painting operator of
  every page, and of any form drawn outside tagged content, lies inside marked content
  that is an /Artifact or carries an MCID, and every MCID's element is in the tree;
- alternative text on every Figure and Formula (13-004);
- header cells (TH) in every table, which is this service's rule for its own tables
  (Matterhorn leaves whether a table needs them to a person), and a /Scope on every TH
  of a table whose cells do not name their headers (15-003);
- numbered headings that start at H1 (14-002) and skip no level going down (14-003);
- every font used embedded (7.21.4.1; Type 3 fonts are drawn by the file itself);
- /Tabs /S on every page with annotations (7.18.3), and every annotation but a popup
  tagged (7.18.1).
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

# ISO 32000-1, 14.8.4: the standard structure types of PDF 1.7.
STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private "
    "P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot "
    "Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP "
    "Figure Formula Form".split()
)
TEXT_OPERATORS = frozenset({"Tj", "TJ", "'", '"'})
PAINT_OPERATORS = frozenset({"S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"})
IMAGE_OPERATORS = frozenset({"Do", "INLINE IMAGE", "BI"})

ObjId = tuple[int, int]


def _key(obj: pikepdf.Object) -> ObjId | int:
    return obj.objgen if obj.is_indirect else id(obj)


def _name(value: object) -> str:
    return str(value)[1:] if isinstance(value, pikepdf.Name) else ""


def _attributes(element: pikepdf.Dictionary) -> dict[str, pikepdf.Object]:
    """An element's attributes (/A: one dictionary or an array of them), merged."""
    found: dict[str, pikepdf.Object] = {}
    attributes = element.get("/A")
    for item in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(item, pikepdf.Dictionary):
            found.update({str(k): v for k, v in item.items()})
    return found


class Checker:
    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.found: list[str] = []
        self.root = pdf.Root
        tree = self.root.get("/StructTreeRoot")
        self.tree = tree if isinstance(tree, pikepdf.Dictionary) else None
        self.role_map: dict[str, str] = {}
        if self.tree is not None and isinstance(self.tree.get("/RoleMap"), pikepdf.Dictionary):
            self.role_map = {str(k)[1:]: _name(v) for k, v in self.tree.RoleMap.items()}
        self.elements: list[pikepdf.Dictionary] = []
        self.in_tree: set[ObjId | int] = set()

    def fail(self, checkpoint: str, message: str) -> None:
        self.found.append(f"{checkpoint}: {message}")

    # The document ------------------------------------------------------------------

    def metadata(self) -> None:
        if "/Metadata" not in self.root:
            self.fail("Matterhorn 06-001", "no XMP metadata stream in the catalog")
        else:
            meta = self.pdf.open_metadata()
            if str(meta.get("pdfuaid:part", "")) != "1":
                self.fail(
                    "Matterhorn 06-002", "the XMP metadata has no PDF/UA identifier pdfuaid:part=1"
                )
            title = meta.get("dc:title")
            if not title or not str(title).strip():
                self.fail("Matterhorn 06-003", "the XMP metadata has no dc:title")
        preferences = self.root.get("/ViewerPreferences")
        if not (
            isinstance(preferences, pikepdf.Dictionary)
            and preferences.get("/DisplayDocTitle") is True
        ):
            self.fail("Matterhorn 07-001", "/ViewerPreferences /DisplayDocTitle is not true")
        mark_info = self.root.get("/MarkInfo")
        if not (isinstance(mark_info, pikepdf.Dictionary) and mark_info.get("/Marked") is True):
            self.fail("ISO 14289-1 7.1", "/MarkInfo /Marked is not true: not a tagged PDF")
        elif mark_info.get("/Suspects") is True:
            self.fail("Matterhorn 01-007", "/MarkInfo /Suspects is true")
        lang = self.root.get("/Lang")
        if not (isinstance(lang, pikepdf.String) and str(lang).strip()):
            self.fail(
                "Matterhorn 11-001", "the catalog has no /Lang: the document's language is unknown"
            )

    # The structure tree ---------------------------------------------------------------

    def role(self, element: pikepdf.Dictionary) -> str:
        """The standard type an element's role maps to ('' when none)."""
        role, seen = _name(element.get("/S")), set()
        while role not in STANDARD_TYPES and role in self.role_map and role not in seen:
            seen.add(role)
            role = self.role_map[role]
        return role if role in STANDARD_TYPES else ""

    def structure(self) -> None:
        if self.tree is None:
            self.fail("ISO 14289-1 7.1", "no /StructTreeRoot: the document has no structure tree")
            return
        for standard in sorted(STANDARD_TYPES & set(self.role_map)):
            self.fail("Matterhorn 02-004", f"the standard type {standard} is remapped")
        for role in sorted(self.role_map):
            seen, current = {role}, self.role_map[role]
            while current in self.role_map and current not in STANDARD_TYPES:
                if current in seen:
                    self.fail(
                        "Matterhorn 02-003", f"the role map goes round in a circle from {role}"
                    )
                    break
                seen.add(current)
                current = self.role_map[current]
        stack = [self.tree.get("/K")]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(reversed(list(node)))
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if _key(node) in self.in_tree:
                    continue
                self.in_tree.add(_key(node))
                self.elements.append(node)
                stack.append(node.get("/K"))
        for element in self.elements:
            if not self.role(element):
                self.fail(
                    "Matterhorn 02-001",
                    f"the role {element.get('/S')} is not standard nor mapped to one",
                )
        self.figures_tables_headings()

    def _descendants(self, element: pikepdf.Dictionary) -> Iterator[pikepdf.Dictionary]:
        stack = [element.get("/K")]
        while stack:
            node = stack.pop()
            if isinstance(node, pikepdf.Array):
                stack.extend(node)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                yield node
                stack.append(node.get("/K"))

    def table(self, table: pikepdf.Dictionary) -> None:
        cells = [(self.role(d), d) for d in self._descendants(table)]
        headers = [cell for role, cell in cells if role == "TH"]
        if not headers:
            self.fail("Tables", "a Table has no header cells (TH)")
        # A table whose data cells name their headers (/Headers) needs no /Scope.
        named = all(
            isinstance(_attributes(cell).get("/Headers"), pikepdf.Array)
            for role, cell in cells
            if role == "TD"
        )
        if not named:
            for header in headers:
                if "/Scope" not in _attributes(header):
                    self.fail("Matterhorn 15-003", "a TH has no /Scope and its cells no /Headers")
                    break

    def figures_tables_headings(self) -> None:
        deepest = 0
        for element in self.elements:  # document order
            role = self.role(element)
            if role in ("Figure", "Formula"):
                alt = element.get("/Alt", element.get("/ActualText"))
                if not (isinstance(alt, pikepdf.String) and str(alt).strip()):
                    self.fail("Matterhorn 13-004", f"a {role} has no alternative text (/Alt)")
            elif role == "Table":
                self.table(element)
            elif len(role) == 2 and role[0] == "H" and role[1].isdigit():
                level = int(role[1])
                if deepest == 0 and level != 1:
                    self.fail(
                        "Matterhorn 14-002", f"the first numbered heading is H{level}, not H1"
                    )
                elif level > deepest + 1:
                    self.fail(
                        "Matterhorn 14-003", f"H{level} follows H{deepest}: a heading level skipped"
                    )
                deepest = level

    # Content ------------------------------------------------------------------------

    def parent_tree(self) -> dict[int, pikepdf.Object]:
        """The /ParentTree number tree as a dict."""
        entries: dict[int, pikepdf.Object] = {}
        if self.tree is None or "/ParentTree" not in self.tree:
            return entries
        stack = [self.tree.ParentTree]
        while stack:
            node = stack.pop()
            nums = node.get("/Nums")
            if isinstance(nums, pikepdf.Array):
                for i in range(0, len(nums) - 1, 2):
                    entries[int(nums[i])] = nums[i + 1]
            kids = node.get("/Kids")
            if isinstance(kids, pikepdf.Array):
                stack.extend(kids)
        return entries

    def content(
        self,
        where: str,
        stream: pikepdf.Object,
        resources: pikepdf.Dictionary | None,
        mcids: set[int],
        seen_forms: set[ObjId | int],
    ) -> None:
        """Every painting operator in ``stream`` inside Artifact or MCID-tagged content."""
        marked: list[bool] = []  # for each open sequence: is it (or one it is in) tagged?
        untagged: dict[str, int] = {}
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        for operands, operator in pikepdf.parse_content_stream(stream):
            op = str(operator)
            if op in ("BDC", "BMC"):
                tag = _name(operands[0]) if operands else ""
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                if mcid is not None:
                    mcids.add(int(mcid))
                marked.append(bool(marked and marked[-1]) or tag == "Artifact" or mcid is not None)
            elif op == "EMC":
                if marked:
                    marked.pop()
            elif op in TEXT_OPERATORS | PAINT_OPERATORS | IMAGE_OPERATORS:
                covered = bool(marked and marked[-1])
                if op == "Do" and not covered and isinstance(xobjects, pikepdf.Dictionary):
                    # A form drawn outside tagged content must tag its own content.
                    form = xobjects.get(operands[0])
                    if (
                        isinstance(form, pikepdf.Stream)
                        and form.get("/Subtype") == "/Form"
                        and _key(form) not in seen_forms
                    ):
                        seen_forms.add(_key(form))
                        self.content(
                            f"{where}, form {operands[0]}",
                            form,
                            form.get("/Resources", resources),
                            set(),
                            seen_forms,
                        )
                        continue
                if not covered:
                    untagged[op] = untagged.get(op, 0) + 1
        for op, count in sorted(untagged.items()):
            self.fail(
                "Matterhorn 01-005",
                f"{where}: {count} '{op}' operator(s) neither tagged nor an artifact",
            )

    def pages(self) -> None:
        parents = self.parent_tree()
        for number, page in enumerate(self.pdf.pages, start=1):
            mcids: set[int] = set()
            self.content(f"page {number}", page.obj, page.obj.get("/Resources"), mcids, set())
            key = page.obj.get("/StructParents")
            owners = parents.get(int(key)) if key is not None else None
            for mcid in sorted(mcids):
                owner = (
                    owners[mcid]
                    if isinstance(owners, pikepdf.Array) and mcid < len(owners)
                    else None
                )
                if not isinstance(owner, pikepdf.Dictionary):
                    self.fail(
                        "Matterhorn 01-005", f"page {number}: MCID {mcid} has no structure element"
                    )
                elif _key(owner) not in self.in_tree:
                    self.fail(
                        "Matterhorn 01-005",
                        f"page {number}: MCID {mcid}'s element is not in the structure tree",
                    )
            self.annotations(number, page.obj)

    def annotations(self, number: int, page: pikepdf.Dictionary) -> None:
        annots = page.get("/Annots")
        if not isinstance(annots, pikepdf.Array) or len(annots) == 0:
            return
        if page.get("/Tabs") != "/S":
            self.fail("ISO 14289-1 7.18.3", f"page {number} has annotations but not /Tabs /S")
        for annot in annots:
            if annot.get("/Subtype") != "/Popup" and "/StructParent" not in annot:
                self.fail(
                    "ISO 14289-1 7.18.1",
                    f"page {number}: a {annot.get('/Subtype')} annotation is untagged",
                )

    # Fonts --------------------------------------------------------------------------

    def _fonts(self) -> Iterator[tuple[str, pikepdf.Dictionary]]:
        seen: set[ObjId | int] = set()
        stack: list[pikepdf.Object] = [page.obj.get("/Resources") for page in self.pdf.pages]
        while stack:
            resources = stack.pop()
            if not isinstance(resources, pikepdf.Dictionary) or _key(resources) in seen:
                continue
            seen.add(_key(resources))
            fonts = resources.get("/Font")
            if isinstance(fonts, pikepdf.Dictionary):
                for name, font in fonts.items():
                    if isinstance(font, pikepdf.Dictionary):
                        yield name, font
            for group in ("/XObject", "/Pattern"):
                items = resources.get(group)
                if isinstance(items, pikepdf.Dictionary):
                    stack.extend(item.get("/Resources") for item in items.values())

    def fonts(self) -> None:
        checked: set[ObjId | int] = set()
        for name, font in self._fonts():
            if _key(font) in checked:
                continue
            checked.add(_key(font))
            subtype = font.get("/Subtype")
            if subtype == "/Type3":
                continue
            descendant = font
            if subtype == "/Type0":
                descendant = font.DescendantFonts[0]
            descriptor = descendant.get("/FontDescriptor")
            embedded = isinstance(descriptor, pikepdf.Dictionary) and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                self.fail(
                    "ISO 14289-1 7.21.4.1", f"font {name} ({font.get('/BaseFont')}) is not embedded"
                )


def problems(data: bytes) -> list[str]:
    """Every PDF/UA-1 failure these checks find in ``data``; empty when none."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        checker = Checker(pdf)
        checker.metadata()
        checker.structure()
        checker.pages()
        checker.fonts()
        return checker.found
