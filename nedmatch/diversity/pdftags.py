"""Running heads and feet as pagination artifacts, in a PDF laid out by WeasyPrint.

WeasyPrint tags the text of the page margins (the report's header and its "Page N of M"
footer) with marked content whose structure elements it leaves out of the structure tree:
PDF 1.7 has no place in the tree for them. So a screen reader that follows the tree skips
them, but the content is neither in the tree nor an artifact. PDF/UA asks for running
heads, feet and page numbers to be artifacts (ISO 14289-1, 7.8), so this marks them as
/Artifact of type /Pagination and drops their detached elements from the parent tree.
"""

from __future__ import annotations

import io
import re

import pikepdf

BDC = pikepdf.Operator("BDC")


def _tree_elements(tree: pikepdf.Dictionary) -> set[tuple[int, int]]:
    """The object ids of every structure element reachable from the tree's root."""
    seen: set[tuple[int, int]] = set()
    stack = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") != "/MCR":
            if node.is_indirect and node.objgen in seen:
                continue
            if node.is_indirect:
                seen.add(node.objgen)
            stack.append(node.get("/K"))
    return seen


def _detached(elements: pikepdf.Array, in_tree: set[tuple[int, int]]) -> set[int]:
    """The MCIDs of a page whose structure element is not in the tree."""
    return {
        mcid
        for mcid, element in enumerate(elements)
        if isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree
    }


# How pydyf writes a tagged sequence's start: "/Span", "<</MCID 12>>" and "BDC", each on
# a line of its own.
_TAGGED = re.compile(rb"/[A-Za-z]+\s+<<\s*/MCID\s+(\d+)\s*>>\s+BDC")
_PAGINATION = b"/Artifact <</Type /Pagination>> BDC"


def _rewrite_bytes(content: bytes, detached: set[int]) -> bytes | None:
    """The quick way: replace each detached sequence's start where pydyf wrote it; None
    when the count is not exactly right (the content is then parsed)."""
    found = 0

    def swap(match: re.Match[bytes]) -> bytes:
        nonlocal found
        if int(match[1]) in detached:
            found += 1
            return _PAGINATION
        return match[0]

    rewritten = _TAGGED.sub(swap, content)
    return rewritten if found == len(detached) else None


def _rewrite_parsed(page: pikepdf.Page, detached: set[int]) -> bytes:
    instructions = pikepdf.parse_content_stream(page)
    for index, instruction in enumerate(instructions):
        if not isinstance(instruction, pikepdf.ContentStreamInstruction):
            continue  # an inline image
        operands, operator = instruction.operands, instruction.operator
        if operator != BDC or len(operands) < 2:
            continue
        properties = operands[1]
        if isinstance(properties, pikepdf.Dictionary) and properties.get("/MCID") in detached:
            instructions[index] = pikepdf.ContentStreamInstruction(
                [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)], BDC
            )
    return pikepdf.unparse_content_stream(instructions)


def margins_as_artifacts(data: bytes) -> bytes:
    """``data`` with each detached marked-content sequence made a pagination artifact."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if not isinstance(tree, pikepdf.Dictionary):
            return data
        in_tree = _tree_elements(tree)
        nums = tree.ParentTree.Nums
        parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
        changed = False
        for page in pdf.pages:
            key = page.obj.get("/StructParents")
            elements = parents.get(int(key)) if key is not None else None
            if not isinstance(elements, pikepdf.Array):
                continue
            detached = _detached(elements, in_tree)
            if not detached:
                continue
            contents = page.obj.Contents
            quick = (
                _rewrite_bytes(contents.read_bytes(), detached)
                if isinstance(contents, pikepdf.Stream)
                else None
            )
            page.obj.Contents = pdf.make_stream(
                quick if quick is not None else _rewrite_parsed(page, detached)
            )
            for mcid in detached:
                elements[mcid] = None
            changed = True
        if not changed:
            return data
        out = io.BytesIO()
        # Streams left as they are (fonts, images) are copied, not decoded and compressed again.
        pdf.save(out, stream_decode_level=pikepdf.StreamDecodeLevel.none, recompress_flate=False)
        return out.getvalue()
