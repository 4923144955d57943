"""Shopmind's own Rasa components (loaded by Rasa with ``dialog/rasa`` as the working dir).

``tokenizer.BilingualTokenizer`` splits English by words and Chinese with Jieba;
``featurizer.MiniLMFeaturizer`` adds all-MiniLM-L6-v2 sentence embeddings computed by
``minilm.MiniLM`` (numpy only); ``intent_classifier.LinearIntentClassifier`` picks the intent
by logistic regression over every featurizer's sentence feature (``linear``); and
``entities.EntityDIET`` is DIET tagging entities only. ``minilm`` and ``linear`` have no Rasa
import, so the main environment tests them.
"""
