"""Reading files: encodings, markup, and bad input. Texts written for the tests."""

import pytest

from kg.errors import InputError
from kg.reader import find_articles, read_article

TEXT = "成都市与重庆市签署合作协议。"


def test_gbk_and_big5_are_detected(tmp_path):
    (tmp_path / "a.txt").write_bytes(TEXT.encode("gbk"))
    (tmp_path / "b.txt").write_bytes("台北與高雄簽署合作協議。".encode("big5"))
    assert read_article(tmp_path / "a.txt").text == TEXT
    assert read_article(tmp_path / "b.txt").text == "台北與高雄簽署合作協議。"


def test_html_is_stripped(tmp_path):
    f = tmp_path / "p.html"
    f.write_text("<html><head><title>标题</title><script>var x='签约';</script></head>"
                 "<body><nav>首页</nav><p>成都市与重庆市&nbsp;签署合作协议。</p></body></html>", encoding="utf-8")
    raw = read_article(f)
    assert "var x" not in raw.text and "成都市与重庆市" in raw.text
    assert raw.title == "标题"


@pytest.mark.parametrize("content, words", [
    (b"", "empty"),
    (b"\x00\x01\x02binary" * 10, "binary"),
    (b"\xff\xfe\xfa\xfb" * 50, "cannot decode"),
])
def test_bad_files_say_what_to_do(tmp_path, content, words):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_article(f)
    assert str(exc.value).startswith(str(f)) and words in str(exc.value)


def test_folder_without_articles(tmp_path):
    files, problems = find_articles([tmp_path])
    assert files == [] and "no articles" in problems[0]


def test_folder_documentation_is_not_an_article(tmp_path):
    (tmp_path / "a.md").write_text("成都市与重庆市签署合作协议。", encoding="utf-8")
    (tmp_path / "NOTES-A.md").write_text("本文件夹的说明。", encoding="utf-8")
    files, problems = find_articles([tmp_path])
    assert [f.name for f in files] == ["a.md"] and not problems


def test_html_entities_in_a_text_file_are_read_as_characters(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("标题\n双方签署&ldquo;战略合作协议&rdquo;,甲&amp;乙公司参加。", encoding="utf-8")
    assert "“战略合作协议”" in read_article(f).text and "&" in read_article(f).text


def test_hard_wrapped_paragraph_is_joined(tmp_path):
    f = tmp_path / "a.md"
    f.write_text("安顺市代表团赴苏州考察\n\n5月6日，安顺市委书记吴建国率安顺市党政\n代表团赴江苏省苏州市考察。苏州市委书记张志\n"
                 "强会见了代表团一行。\n\n责任编辑：王晓\n", encoding="utf-8")
    text = read_article(f).text
    assert "安顺市党政代表团" in text and "张志强" in text
    assert "安顺市代表团赴苏州考察\n" in text and "\n责任编辑" in text


def test_a_line_wrapped_without_punctuation_runs_on_and_a_caption_does_not(tmp_path):
    """A WeChat paste: the wrapped line has no comma inside, the next line follows unindented."""
    from kg.pipeline import process

    f = tmp_path / "a.txt"
    f.write_text("德阳客商赴嘉兴\n"
                 "　　现场,多个项目集中签约,其中,\n"
                 "嘉兴宏拓精密机械有限公司与德阳经济技术开发区管委会\n"
                 "签订精密部件项目投资协议。\n"
                 "图为签约现场\n"
                 "德阳市委书记罗启明出席。\n", encoding="utf-8")
    raw = read_article(f)
    assert "开发区管委会签订" in raw.text and "图为签约现场\n德阳" in raw.text
    doc = process(raw)
    labels = {k: e.label for k, e in doc.entities.items()} | {k: "<event>" for k in doc.events}
    assert ("嘉兴宏拓精密机械有限公司", "signedWith", "德阳经济技术开发区") in {
        (labels[r.subj], r.pred, labels[r.obj]) for r in doc.relations}
