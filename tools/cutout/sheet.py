"""Contact sheets of cutouts over a checkerboard, to look at edges, shadows and glass.

Example::

    contact_sheet([("mug", Image.open("mug.png"))]).save("sheet.png")
"""

from __future__ import annotations

from PIL import Image, ImageDraw

CHECK = 12
LIGHT, DARK = (150, 150, 150), (105, 105, 105)  # dark enough to show a white halo


def checkerboard(width: int, height: int, cell: int = CHECK) -> Image.Image:
    board = Image.new("RGB", (width, height), LIGHT)
    draw = ImageDraw.Draw(board)
    for y in range(0, height, cell):
        for x in range((y // cell) % 2 * cell, width, 2 * cell):
            draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=DARK)
    return board


def contact_sheet(items: list[tuple[str, Image.Image]], tile: int = 256, columns: int = 5,
                  originals: list[Image.Image] | None = None) -> Image.Image:
    """Each cutout fitted into a tile over a checkerboard, captioned; with ``originals``,
    each original photo is shown to the left of its cutout."""
    per_item = 2 if originals else 1
    columns = max(1, min(columns, len(items))) if items else 1
    rows = (len(items) + columns - 1) // columns
    caption = 18
    sheet = Image.new("RGB", (columns * per_item * tile, max(1, rows) * (tile + caption)),
                      "white")
    draw = ImageDraw.Draw(sheet)
    for index, (name, cutout) in enumerate(items):
        x = (index % columns) * per_item * tile
        y = (index // columns) * (tile + caption)
        if originals:
            sheet.paste(_fitted(originals[index].convert("RGB"), tile), (x, y))
            x += tile
        cell = checkerboard(tile, tile)
        product = _fitted(cutout.convert("RGBA"), tile - 8)
        cell.paste(product, ((tile - product.width) // 2, (tile - product.height) // 2), product)
        sheet.paste(cell, (x, y))
        draw.text((x - (tile if originals else 0) + 4, y + tile + 3), name[:40], fill=(0, 0, 0))
    return sheet


def _fitted(image: Image.Image, size: int) -> Image.Image:
    scale = min(size / image.width, size / image.height)
    shape = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(shape, Image.Resampling.LANCZOS)


def comparison_sheet(rows: list[list[tuple[str, Image.Image]]], tile: int = 240) -> Image.Image:
    """One row per photo, one captioned column per version (the first is shown as it is,
    cutouts over a checkerboard), e.g. original, classic, fused, peer.

    Example::

        comparison_sheet([[("mug", photo), ("fused", cutout)]]).save("compare.png")
    """
    columns = max((len(cells) for cells in rows), default=1)
    caption = 18
    sheet = Image.new("RGB", (columns * tile, max(1, len(rows)) * (tile + caption)), "white")
    draw = ImageDraw.Draw(sheet)
    for row, cells in enumerate(rows):
        y = row * (tile + caption)
        for column, (name, image) in enumerate(cells):
            x = column * tile
            if image.mode == "RGBA":
                cell = checkerboard(tile, tile)
                product = _fitted(image, tile - 8)
                cell.paste(product, ((tile - product.width) // 2,
                                     (tile - product.height) // 2), product)
            else:
                cell = _fitted(image.convert("RGB"), tile)
            sheet.paste(cell, (x, y))
            draw.text((x + 4, y + tile + 3), name[:36], fill=(0, 0, 0))
    return sheet
