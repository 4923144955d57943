"""Shopmind's own Rasa components (loaded by Rasa with ``dialog/rasa`` as the working dir).

``tokenizer.BilingualTokenizer`` splits English by words and Chinese with Jieba;
``featurizer.MiniLMFeaturizer`` adds all-MiniLM-L6-v2 sentence embeddings computed by
``minilm.MiniLM`` (numpy only). ``minilm`` has no Rasa import, so the main environment can
test it against sentence-transformers.
"""
