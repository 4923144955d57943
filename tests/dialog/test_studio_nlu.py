"""The studio model's reading of a shopper's message (dialog/studio_nlu.py), over a fake Rasa."""

import httpx

from dialog.studio_nlu import StudioRequests


def _reader(answers: dict[str, tuple[str, float]], seen: list[httpx.Request]) -> StudioRequests:
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        text = httpx.Response(200, content=request.content).json()["text"]
        if text == "boom":
            return httpx.Response(500, text="Internal Server Error")
        name, confidence = answers[text]
        return httpx.Response(200, json={"intent": {"name": name, "confidence": confidence}})

    return StudioRequests("http://studio.test", "t0ken", transport=httpx.MockTransport(handle))


def test_work_intents_above_the_threshold_are_studio_requests() -> None:
    seen: list[httpx.Request] = []
    reader = _reader({"make 20 banners": ("make_banners", 0.93),
                      "写10条卖点": ("write_copy", 0.81),
                      "cancel it": ("cancel_job", 0.55),  # below 0.7: not sure enough
                      "what can you do": ("help", 0.97),  # not work
                      "hello": ("other", 0.99)}, seen)
    assert reader("make 20 banners") and reader("写10条卖点")
    assert not reader("cancel it") and not reader("what can you do") and not reader("hello")
    assert all(r.headers["Authorization"] == "Bearer t0ken" for r in seen)
    assert {r.url.path for r in seen} == {"/model/parse"}


def test_a_studio_model_that_fails_leaves_the_answer_to_jimi() -> None:
    seen: list[httpx.Request] = []
    reader = _reader({}, seen)
    assert reader("boom") is False
    assert reader("   ") is False and len(seen) == 1, "an empty message is not sent"
    down = StudioRequests("http://127.0.0.1:9", "t0ken", timeout_s=0.5)
    assert down("make 20 banners") is False
    down.close()
