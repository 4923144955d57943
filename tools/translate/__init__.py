"""Image translation: banners Shopmind made laid out again in another language
(:mod:`tools.translate.banners`), and the text on images from elsewhere found, removed and set
again in the target language (:mod:`tools.translate.image`); see the ``translate_image`` tool."""

__all__: list[str] = []
