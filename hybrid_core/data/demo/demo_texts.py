"""Source texts of the Hybrid Batch Lab demo dataset (original writing, CC BY 4.0; see LICENSE beside this file).

Every paragraph is written once per XQuAD-R language (ar de el en es hi ru th tr vi zh) by the Hybrid Batch Lab
developers; the English version was written first and the others translate it sentence by sentence, so each
paragraph has the same number of sentences in every language. ``answer_sentences`` gives, for each question in
order, the index of the sentence that answers it; the answer must be a literal substring of that sentence.
``build_demo.py`` turns these texts into the LAReQA JSON files and computes all offsets.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class L:
    """One language version of a paragraph: a title, its sentences and its (question, answer) pairs."""

    title: str
    sentences: tuple[str, ...]
    qas: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class P:
    """A paragraph in every language, its split and the answer sentence of each question."""

    key: str
    split: str
    answer_sentences: tuple[int, ...]
    texts: dict[str, L]


def para(key: str, split: str, answer_sentences: tuple[int, ...], **texts: L) -> P:
    """Build a :class:`P` with the language versions given as keyword arguments (``en=L(...)``)."""
    return P(key, split, answer_sentences, texts)


README_INTRO = """
# Hybrid Batch Lab demo dataset

A small, 11-way parallel question-to-sentence retrieval dataset shipped inside the `hybrid_core` package so that the
library, the CLI and the dashboard work with no external data. It is **not** a benchmark: it is for demos, smoke
tests and plumbing checks. Use XQuAD-R, MLQA-R or MIRACL for real measurements.

- **Languages**: the 11 XQuAD-R languages: ar de el en es hi ru th tr vi zh.
- **Layout**: LAReQA (XQuAD-R) = SQuAD v1.1 JSON plus per-paragraph `sentences` and `sentence_breaks`
  (`[begin, end)` character offsets with `context[begin:end] == sentences[i]`), in `train/<lang>.json` and
  `eval/<lang>.json`. The relevant candidate of a question is the sentence of its paragraph that contains
  `answers[0].answer_start`, as in XQuAD-R. `version` is `hbl-demo-1.0`.
- **Parallel**: every question id (`demo-train-001`, ..., `demo-eval-016`) exists in all 11 languages. Sentences
  are translated one by one, so each paragraph has the same number of sentences in every language.
- **Splits**: train and eval use different paragraphs on different topics (no shared text), so an encoder trained
  on `train` can be evaluated on `eval` without leakage.
- **Distractors**: each paragraph has 5 sentences and 4 questions whose answers lie in 4 different sentences, so
  every question has same-language distractor sentences from its own paragraph as well as from the others.

## How it was written

The texts are original, written for this project by the Hybrid Batch Lab developers: short encyclopaedic
paragraphs on everyday topics (animals, nature, space, food, inventions, sport, music, games). They were not
copied or adapted from XQuAD, MLQA, SQuAD, Wikipedia or any other dataset. The English version was written first
and translated by hand into the other ten languages, aiming at faithful, natural sentences; names are given in the
usual spelling of each language and numbers use Western digits. All texts live in one reviewable file,
`demo_texts.py`; `build_demo.py` generates the JSON files and this README from it, computing every offset and
failing loudly when an answer is not a literal substring of its answer sentence. To change the data, edit
`demo_texts.py` and run `python hybrid_core/data/demo/build_demo.py` (`--check` verifies the files are current).

## License

Creative Commons Attribution 4.0 International (CC BY 4.0), (c) the Hybrid Batch Lab developers. See `LICENSE`.
"""

PARAGRAPHS: tuple[P, ...] = (
    # ------------------------------------------------------------------------------------------------ train
    para(
        "honeybees", "train", (1, 2, 3, 4),
        en=L(
            "Honeybees",
            (
                "Honeybees live in colonies that can contain tens of thousands of insects.",
                "Each colony usually has a single queen, whose main task is to lay eggs.",
                "Worker bees are female and do most of the work, from cleaning the hive to collecting nectar.",
                "Bees tell each other where to find flowers by performing a movement called the waggle dance.",
                "To make honey, they store nectar in wax cells and fan it with their wings until much of the water "
                "evaporates.",
            ),
            (
                ("What is the main task of the queen bee?", "to lay eggs"),
                ("Are worker bees male or female?", "female"),
                ("What movement do bees use to show each other where flowers are?", "the waggle dance"),
                ("Where do bees store nectar to make honey?", "in wax cells"),
            ),
        ),
        ar=L(
            "نحل العسل",
            (
                "يعيش نحل العسل في مستعمرات قد تضم عشرات الآلاف من الحشرات.",
                "تضم كل مستعمرة عادةً ملكة واحدة فقط، ومهمتها الرئيسية هي وضع البيض.",
                "الشغالات إناث، وهي تقوم بمعظم العمل، من تنظيف الخلية إلى جمع الرحيق.",
                "يدل النحل بعضه بعضًا على أماكن الأزهار بأداء حركة تُسمى رقصة الاهتزاز.",
                "ولصنع العسل، يخزن النحل الرحيق في خلايا شمعية ويهويه بأجنحته حتى يتبخر جزء كبير من الماء.",
            ),
            (
                ("ما المهمة الرئيسية لملكة النحل؟", "وضع البيض"),
                ("هل النحلات الشغالات ذكور أم إناث؟", "إناث"),
                ("ما الحركة التي يستخدمها النحل ليدل بعضه بعضًا على أماكن الأزهار؟", "رقصة الاهتزاز"),
                ("أين يخزن النحل الرحيق لصنع العسل؟", "في خلايا شمعية"),
            ),
        ),
        de=L(
            "Honigbienen",
            (
                "Honigbienen leben in Völkern, die Zehntausende von Insekten umfassen können.",
                "Jedes Volk hat in der Regel nur eine Königin, deren Hauptaufgabe es ist, Eier zu legen.",
                "Die Arbeiterinnen sind weiblich und erledigen den größten Teil der Arbeit, vom Putzen des Stocks bis "
                "zum Sammeln von Nektar.",
                "Bienen zeigen einander, wo Blüten zu finden sind, indem sie eine Bewegung namens Schwänzeltanz "
                "ausführen.",
                "Um Honig herzustellen, lagern sie Nektar in Wachszellen ein und fächeln ihm mit den Flügeln Luft zu, "
                "bis ein Großteil des Wassers verdunstet ist.",
            ),
            (
                ("Was ist die Hauptaufgabe der Bienenkönigin?", "Eier zu legen"),
                ("Sind Arbeitsbienen männlich oder weiblich?", "weiblich"),
                ("Mit welcher Bewegung zeigen Bienen einander, wo Blüten sind?", "Schwänzeltanz"),
                ("Wo lagern Bienen Nektar ein, um Honig herzustellen?", "in Wachszellen"),
            ),
        ),
        el=L(
            "Μέλισσες",
            (
                "Οι μέλισσες ζουν σε αποικίες που μπορεί να αριθμούν δεκάδες χιλιάδες έντομα.",
                "Κάθε αποικία έχει συνήθως μία μόνο βασίλισσα, της οποίας κύριο έργο είναι να γεννά αυγά.",
                "Οι εργάτριες είναι θηλυκές και κάνουν το μεγαλύτερο μέρος της δουλειάς, από τον καθαρισμό της "
                "κυψέλης μέχρι τη συλλογή νέκταρ.",
                "Οι μέλισσες δείχνουν η μία στην άλλη πού βρίσκονται λουλούδια εκτελώντας μια κίνηση που ονομάζεται "
                "χορός του κουνήματος.",
                "Για να φτιάξουν μέλι, αποθηκεύουν το νέκταρ σε κελιά από κερί και το αερίζουν με τα φτερά τους μέχρι "
                "να εξατμιστεί μεγάλο μέρος του νερού.",
            ),
            (
                ("Ποιο είναι το κύριο έργο της βασίλισσας των μελισσών;", "να γεννά αυγά"),
                ("Οι εργάτριες μέλισσες είναι αρσενικές ή θηλυκές;", "θηλυκές"),
                ("Με ποια κίνηση δείχνουν οι μέλισσες η μία στην άλλη πού βρίσκονται λουλούδια;",
                 "χορός του κουνήματος"),
                ("Πού αποθηκεύουν οι μέλισσες το νέκταρ για να φτιάξουν μέλι;", "σε κελιά από κερί"),
            ),
        ),
        es=L(
            "Las abejas melíferas",
            (
                "Las abejas melíferas viven en colonias que pueden reunir decenas de miles de insectos.",
                "Cada colonia suele tener una sola reina, cuya tarea principal es poner huevos.",
                "Las abejas obreras son hembras y hacen la mayor parte del trabajo, desde limpiar la colmena hasta "
                "recoger néctar.",
                "Las abejas se indican unas a otras dónde hay flores mediante un movimiento llamado danza del meneo.",
                "Para producir miel, almacenan el néctar en celdas de cera y lo abanican con las alas hasta que se "
                "evapora gran parte del agua.",
            ),
            (
                ("¿Cuál es la tarea principal de la abeja reina?", "poner huevos"),
                ("¿Las abejas obreras son machos o hembras?", "hembras"),
                ("¿Qué movimiento usan las abejas para indicarse unas a otras dónde hay flores?", "danza del meneo"),
                ("¿Dónde almacenan las abejas el néctar para producir miel?", "en celdas de cera"),
            ),
        ),
        hi=L(
            "मधुमक्खियाँ",
            (
                "मधुमक्खियाँ ऐसी बस्तियों में रहती हैं जिनमें दसियों हज़ार कीट हो सकते हैं।",
                "हर बस्ती में आमतौर पर केवल एक रानी होती है, जिसका मुख्य काम अंडे देना है।",
                "श्रमिक मधुमक्खियाँ मादा होती हैं और छत्ते की सफ़ाई से लेकर मकरंद इकट्ठा करने तक ज़्यादातर काम "
                "वही करती हैं।",
                "मधुमक्खियाँ एक-दूसरे को फूलों का पता बताने के लिए एक ख़ास हरकत करती हैं, जिसे वैगल नृत्य कहा "
                "जाता है।",
                "शहद बनाने के लिए वे मकरंद को मोम के कोष्ठों में जमा करती हैं और अपने पंखों से तब तक हवा करती हैं "
                "जब तक उसका अधिकांश पानी भाप बनकर उड़ नहीं जाता।",
            ),
            (
                ("रानी मधुमक्खी का मुख्य काम क्या है?", "अंडे देना"),
                ("श्रमिक मधुमक्खियाँ नर होती हैं या मादा?", "मादा"),
                ("मधुमक्खियाँ एक-दूसरे को फूलों का पता बताने के लिए कौन-सी हरकत करती हैं?", "वैगल नृत्य"),
                ("शहद बनाने के लिए मधुमक्खियाँ मकरंद को कहाँ जमा करती हैं?", "मोम के कोष्ठों में"),
            ),
        ),
        ru=L(
            "Медоносные пчёлы",
            (
                "Медоносные пчёлы живут семьями, в которых могут быть десятки тысяч насекомых.",
                "В каждой семье обычно есть только одна матка, главная задача которой — откладывать яйца.",
                "Рабочие пчёлы — самки, и они выполняют большую часть работы: от уборки улья до сбора нектара.",
                "Пчёлы сообщают друг другу, где найти цветы, с помощью особого движения — виляющего танца.",
                "Чтобы получить мёд, они складывают нектар в восковые ячейки и обмахивают его крыльями, пока большая "
                "часть воды не испарится.",
            ),
            (
                ("Какова главная задача пчелиной матки?", "откладывать яйца"),
                ("Рабочие пчёлы — самцы или самки?", "самки"),
                ("С помощью какого движения пчёлы показывают друг другу, где находятся цветы?", "виляющего танца"),
                ("Куда пчёлы складывают нектар, чтобы получить мёд?", "в восковые ячейки"),
            ),
        ),
        th=L(
            "ผึ้ง",
            (
                "ผึ้งอาศัยอยู่รวมกันเป็นรังซึ่งอาจมีสมาชิกหลายหมื่นตัว",
                "โดยปกติแต่ละรังจะมีนางพญาเพียงตัวเดียว ซึ่งมีหน้าที่หลักคือการวางไข่",
                "ผึ้งงานเป็นเพศเมียและทำงานเกือบทั้งหมดในรัง ตั้งแต่ทำความสะอาดรังไปจนถึงเก็บน้ำหวานจากดอกไม้",
                "ผึ้งบอกกันและกันว่าดอกไม้อยู่ที่ไหนด้วยท่าทางที่เรียกว่าการเต้นรำแบบส่ายตัว",
                "ในการทำน้ำผึ้ง ผึ้งจะเก็บน้ำหวานไว้ในหลอดรังที่ทำจากขี้ผึ้ง แล้วใช้ปีกกระพือลมจนน้ำส่วนใหญ่ระเหยออกไป",
            ),
            (
                ("หน้าที่หลักของนางพญาผึ้งคืออะไร", "การวางไข่"),
                ("ผึ้งงานเป็นเพศผู้หรือเพศเมีย", "เพศเมีย"),
                ("ผึ้งใช้ท่าทางอะไรบอกกันว่าดอกไม้อยู่ที่ไหน", "การเต้นรำแบบส่ายตัว"),
                ("ผึ้งเก็บน้ำหวานไว้ที่ไหนเพื่อทำน้ำผึ้ง", "หลอดรังที่ทำจากขี้ผึ้ง"),
            ),
        ),
        tr=L(
            "Bal arıları",
            (
                "Bal arıları, on binlerce böcekten oluşabilen koloniler halinde yaşar.",
                "Her kolonide genellikle tek bir kraliçe bulunur ve onun asıl görevi yumurta bırakmaktır.",
                "İşçi arılar dişidir ve kovanı temizlemekten nektar toplamaya kadar işlerin çoğunu yapar.",
                "Arılar, sallanma dansı adı verilen bir hareketle birbirlerine çiçeklerin nerede olduğunu gösterir.",
                "Bal yapmak için nektarı balmumu hücrelerinde depolarlar ve suyun büyük kısmı buharlaşana kadar "
                "kanatlarıyla yelpazelerler.",
            ),
            (
                ("Kraliçe arının asıl görevi nedir?", "yumurta bırakmak"),
                ("İşçi arılar erkek mi yoksa dişi midir?", "dişi"),
                ("Arılar çiçeklerin yerini birbirlerine hangi hareketle gösterir?", "sallanma dansı"),
                ("Arılar bal yapmak için nektarı nerede depolar?", "balmumu hücrelerinde"),
            ),
        ),
        vi=L(
            "Ong mật",
            (
                "Ong mật sống thành đàn, mỗi đàn có thể gồm hàng chục nghìn cá thể.",
                "Mỗi đàn thường chỉ có một ong chúa, với nhiệm vụ chính là đẻ trứng.",
                "Ong thợ là ong cái và đảm nhận phần lớn công việc, từ dọn dẹp tổ đến thu thập mật hoa.",
                "Ong chỉ cho nhau biết chỗ có hoa bằng một kiểu chuyển động gọi là điệu nhảy lắc lư.",
                "Để làm mật, chúng chứa mật hoa trong các ô sáp và dùng cánh quạt cho đến khi phần lớn nước bay hơi.",
            ),
            (
                ("Nhiệm vụ chính của ong chúa là gì?", "đẻ trứng"),
                ("Ong thợ là ong đực hay ong cái?", "ong cái"),
                ("Ong dùng kiểu chuyển động nào để chỉ cho nhau chỗ có hoa?", "điệu nhảy lắc lư"),
                ("Ong chứa mật hoa ở đâu để làm mật?", "trong các ô sáp"),
            ),
        ),
        zh=L(
            "蜜蜂",
            (
                "蜜蜂以蜂群的形式生活，一个蜂群可以有数万只蜜蜂。",
                "每个蜂群通常只有一只蜂王，它的主要任务是产卵。",
                "工蜂都是雌性，承担了大部分工作，从清洁蜂巢到采集花蜜。",
                "蜜蜂通过一种叫做“摇摆舞”的动作互相告知花朵的位置。",
                "为了酿蜜，它们把花蜜储存在蜂蜡巢房里，并用翅膀扇风，直到大部分水分蒸发。",
            ),
            (
                ("蜂王的主要任务是什么？", "产卵"),
                ("工蜂是雄性还是雌性？", "雌性"),
                ("蜜蜂用什么动作互相告知花朵的位置？", "摇摆舞"),
                ("蜜蜂酿蜜时把花蜜储存在哪里？", "蜂蜡巢房"),
            ),
        ),
    ),
    para(
        "water-cycle", "train", (1, 2, 3, 4),
        en=L(
            "The water cycle",
            (
                "The water cycle describes how water moves between the oceans, the air and the land.",
                "Heat from the Sun makes water evaporate from seas, lakes and rivers.",
                "As the water vapour rises, it cools and condenses into tiny droplets that form clouds.",
                "When the droplets grow heavy, they fall back to the ground as rain or snow.",
                "Part of this water flows into rivers, and part soaks into the soil and becomes groundwater.",
            ),
            (
                ("What makes water evaporate from seas, lakes and rivers?", "Heat from the Sun"),
                ("What do the tiny droplets of condensed water vapour form?", "clouds"),
                ("In what forms do heavy droplets fall back to the ground?", "rain or snow"),
                ("What does water that soaks into the soil become?", "groundwater"),
            ),
        ),
        ar=L(
            "دورة الماء",
            (
                "تصف دورة الماء كيف ينتقل الماء بين المحيطات والهواء واليابسة.",
                "تجعل حرارة الشمس الماء يتبخر من البحار والبحيرات والأنهار.",
                "وعندما يرتفع بخار الماء يبرد ويتكثف في قطيرات صغيرة جدًا تشكل السحب.",
                "وعندما تثقل القطيرات تسقط مجددًا على الأرض على شكل مطر أو ثلج.",
                "يجري جزء من هذا الماء إلى الأنهار، ويتسرب جزء آخر إلى التربة فيصبح مياهًا جوفية.",
            ),
            (
                ("ما الذي يجعل الماء يتبخر من البحار والبحيرات والأنهار؟", "حرارة الشمس"),
                ("ماذا تشكل القطيرات الصغيرة من بخار الماء المتكثف؟", "السحب"),
                ("على أي شكل تسقط القطيرات الثقيلة على الأرض؟", "مطر أو ثلج"),
                ("ماذا يصبح الماء الذي يتسرب إلى التربة؟", "مياهًا جوفية"),
            ),
        ),
        de=L(
            "Der Wasserkreislauf",
            (
                "Der Wasserkreislauf beschreibt, wie sich Wasser zwischen den Ozeanen, der Luft und dem Land bewegt.",
                "Die Wärme der Sonne lässt Wasser aus Meeren, Seen und Flüssen verdunsten.",
                "Während der Wasserdampf aufsteigt, kühlt er ab und kondensiert zu winzigen Tröpfchen, die Wolken "
                "bilden.",
                "Wenn die Tröpfchen schwer werden, fallen sie als Regen oder Schnee zurück auf den Boden.",
                "Ein Teil dieses Wassers fließt in Flüsse, ein anderer versickert im Boden und wird zu Grundwasser.",
            ),
            (
                ("Was lässt Wasser aus Meeren, Seen und Flüssen verdunsten?", "Die Wärme der Sonne"),
                ("Was bilden die winzigen Tröpfchen aus kondensiertem Wasserdampf?", "Wolken"),
                ("In welcher Form fallen schwere Tröpfchen zurück auf den Boden?", "als Regen oder Schnee"),
                ("Was wird aus Wasser, das im Boden versickert?", "Grundwasser"),
            ),
        ),
        el=L(
            "Ο κύκλος του νερού",
            (
                "Ο κύκλος του νερού περιγράφει πώς κινείται το νερό ανάμεσα στους ωκεανούς, τον αέρα και την ξηρά.",
                "Η θερμότητα του Ήλιου κάνει το νερό να εξατμίζεται από τις θάλασσες, τις λίμνες και τα ποτάμια.",
                "Καθώς οι υδρατμοί ανεβαίνουν, ψύχονται και συμπυκνώνονται σε μικροσκοπικά σταγονίδια που "
                "σχηματίζουν σύννεφα.",
                "Όταν τα σταγονίδια βαρύνουν, πέφτουν ξανά στο έδαφος ως βροχή ή χιόνι.",
                "Μέρος αυτού του νερού κυλά στα ποτάμια, ενώ ένα άλλο μέρος απορροφάται από το έδαφος και γίνεται "
                "υπόγειο νερό.",
            ),
            (
                ("Τι κάνει το νερό να εξατμίζεται από τις θάλασσες, τις λίμνες και τα ποτάμια;",
                 "Η θερμότητα του Ήλιου"),
                ("Τι σχηματίζουν τα μικροσκοπικά σταγονίδια των υδρατμών;", "σύννεφα"),
                ("Με ποια μορφή πέφτουν ξανά στο έδαφος τα βαριά σταγονίδια;", "βροχή ή χιόνι"),
                ("Τι γίνεται το νερό που απορροφάται από το έδαφος;", "υπόγειο νερό"),
            ),
        ),
        es=L(
            "El ciclo del agua",
            (
                "El ciclo del agua describe cómo se mueve el agua entre los océanos, el aire y la tierra.",
                "El calor del Sol hace que el agua se evapore de los mares, los lagos y los ríos.",
                "Al ascender, el vapor de agua se enfría y se condensa en gotitas diminutas que forman las nubes.",
                "Cuando las gotitas se vuelven pesadas, caen de nuevo al suelo en forma de lluvia o nieve.",
                "Parte de esta agua fluye hacia los ríos, y otra parte se filtra en el suelo y se convierte en agua "
                "subterránea.",
            ),
            (
                ("¿Qué hace que el agua se evapore de los mares, los lagos y los ríos?", "El calor del Sol"),
                ("¿Qué forman las gotitas diminutas de vapor de agua condensado?", "las nubes"),
                ("¿En qué forma caen de nuevo al suelo las gotitas pesadas?", "lluvia o nieve"),
                ("¿En qué se convierte el agua que se filtra en el suelo?", "agua subterránea"),
            ),
        ),
        hi=L(
            "जल चक्र",
            (
                "जल चक्र बताता है कि पानी महासागरों, हवा और ज़मीन के बीच कैसे घूमता रहता है।",
                "सूरज की गर्मी से समुद्रों, झीलों और नदियों का पानी भाप बनकर उड़ता है।",
                "ऊपर उठते हुए जलवाष्प ठंडी होती है और संघनित होकर छोटी-छोटी बूँदों में बदल जाती है, जिनसे बादल "
                "बनते हैं।",
                "जब बूँदें भारी हो जाती हैं, तो वे बारिश या बर्फ़ के रूप में वापस ज़मीन पर गिरती हैं।",
                "इस पानी का कुछ हिस्सा नदियों में बह जाता है और कुछ मिट्टी में रिसकर भूजल बन जाता है।",
            ),
            (
                ("समुद्रों, झीलों और नदियों का पानी किस कारण भाप बनकर उड़ता है?", "सूरज की गर्मी"),
                ("संघनित जलवाष्प की छोटी-छोटी बूँदों से क्या बनता है?", "बादल"),
                ("भारी बूँदें किस रूप में वापस ज़मीन पर गिरती हैं?", "बारिश या बर्फ़"),
                ("मिट्टी में रिसने वाला पानी क्या बन जाता है?", "भूजल"),
            ),
        ),
        ru=L(
            "Круговорот воды",
            (
                "Круговорот воды описывает, как вода перемещается между океанами, воздухом и сушей.",
                "Солнечное тепло заставляет воду испаряться с поверхности морей, озёр и рек.",
                "Поднимаясь, водяной пар охлаждается и конденсируется в крошечные капли, из которых образуются облака.",
                "Когда капли становятся тяжёлыми, они падают обратно на землю в виде дождя или снега.",
                "Часть этой воды стекает в реки, а часть просачивается в почву и становится подземными водами.",
            ),
            (
                ("Что заставляет воду испаряться с поверхности морей, озёр и рек?", "Солнечное тепло"),
                ("Что образуется из крошечных капель сконденсированного водяного пара?", "облака"),
                ("В каком виде тяжёлые капли падают обратно на землю?", "в виде дождя или снега"),
                ("Чем становится вода, просочившаяся в почву?", "подземными водами"),
            ),
        ),
        th=L(
            "วัฏจักรน้ำ",
            (
                "วัฏจักรน้ำอธิบายว่าน้ำเคลื่อนที่ไปมาระหว่างมหาสมุทร อากาศ และพื้นดินอย่างไร",
                "ความร้อนจากดวงอาทิตย์ทำให้น้ำในทะเล ทะเลสาบ และแม่น้ำระเหยกลายเป็นไอ",
                "เมื่อไอน้ำลอยสูงขึ้นก็จะเย็นตัวลงและควบแน่นเป็นหยดน้ำเล็ก ๆ ที่รวมตัวกันเป็นเมฆ",
                "เมื่อหยดน้ำมีน้ำหนักมากขึ้นก็จะตกกลับลงสู่พื้นดินในรูปของฝนหรือหิมะ",
                "น้ำส่วนหนึ่งไหลลงสู่แม่น้ำ และอีกส่วนหนึ่งซึมลงไปในดินกลายเป็นน้ำใต้ดิน",
            ),
            (
                ("อะไรทำให้น้ำในทะเล ทะเลสาบ และแม่น้ำระเหยกลายเป็นไอ", "ความร้อนจากดวงอาทิตย์"),
                ("หยดน้ำเล็ก ๆ ที่เกิดจากการควบแน่นของไอน้ำรวมตัวกันเป็นอะไร", "เมฆ"),
                ("หยดน้ำที่มีน้ำหนักมากตกกลับลงสู่พื้นดินในรูปของอะไร", "ฝนหรือหิมะ"),
                ("น้ำที่ซึมลงไปในดินกลายเป็นอะไร", "น้ำใต้ดิน"),
            ),
        ),
        tr=L(
            "Su döngüsü",
            (
                "Su döngüsü, suyun okyanuslar, hava ve kara arasında nasıl hareket ettiğini anlatır.",
                "Güneş'in ısısı denizlerdeki, göllerdeki ve nehirlerdeki suyun buharlaşmasını sağlar.",
                "Su buharı yükseldikçe soğur ve yoğunlaşarak bulutları oluşturan minik damlacıklara dönüşür.",
                "Damlacıklar ağırlaşınca yağmur ya da kar olarak yeniden yere düşer.",
                "Bu suyun bir kısmı nehirlere akar, bir kısmı da toprağa sızarak yeraltı suyuna dönüşür.",
            ),
            (
                ("Denizlerdeki, göllerdeki ve nehirlerdeki suyun buharlaşmasını ne sağlar?", "Güneş'in ısısı"),
                ("Yoğunlaşan su buharından oluşan minik damlacıklar neyi oluşturur?", "bulutları"),
                ("Ağırlaşan damlacıklar yere hangi biçimde düşer?", "yağmur ya da kar"),
                ("Toprağa sızan su neye dönüşür?", "yeraltı suyuna"),
            ),
        ),
        vi=L(
            "Vòng tuần hoàn của nước",
            (
                "Vòng tuần hoàn của nước mô tả cách nước di chuyển giữa đại dương, không khí và đất liền.",
                "Sức nóng của Mặt Trời làm nước từ biển, hồ và sông bốc hơi.",
                "Khi bay lên cao, hơi nước nguội đi và ngưng tụ thành những giọt nước li ti tạo nên mây.",
                "Khi các giọt nước trở nên nặng, chúng rơi trở lại mặt đất dưới dạng mưa hoặc tuyết.",
                "Một phần lượng nước này chảy vào sông, phần còn lại thấm vào đất và trở thành nước ngầm.",
            ),
            (
                ("Điều gì làm nước từ biển, hồ và sông bốc hơi?", "Sức nóng của Mặt Trời"),
                ("Những giọt nước li ti do hơi nước ngưng tụ tạo nên gì?", "mây"),
                ("Các giọt nước nặng rơi trở lại mặt đất dưới dạng gì?", "mưa hoặc tuyết"),
                ("Nước thấm vào đất trở thành gì?", "nước ngầm"),
            ),
        ),
        zh=L(
            "水循环",
            (
                "水循环描述了水如何在海洋、大气和陆地之间流动。",
                "太阳的热量使海洋、湖泊和河流中的水蒸发。",
                "水蒸气上升时会冷却，并凝结成微小的水滴，形成云。",
                "当水滴变重时，它们会以雨或雪的形式落回地面。",
                "这些水一部分流入河流，另一部分渗入土壤，成为地下水。",
            ),
            (
                ("是什么使海洋、湖泊和河流中的水蒸发？", "太阳的热量"),
                ("水蒸气凝结成的微小水滴会形成什么？", "云"),
                ("变重的水滴以什么形式落回地面？", "雨或雪"),
                ("渗入土壤的水会成为什么？", "地下水"),
            ),
        ),
    ),
    para(
        "moon", "train", (1, 2, 3, 4),
        en=L(
            "The Moon",
            (
                "The Moon is Earth's only natural satellite.",
                "It orbits our planet at an average distance of about 384,000 kilometres.",
                "The Moon takes about 27 days to complete one orbit around Earth.",
                "Because it always turns the same face towards us, its far side cannot be seen from Earth.",
                "In 1969, the astronauts of Apollo 11 became the first people to walk on its surface.",
            ),
            (
                ("What is the average distance between the Moon and Earth?", "384,000 kilometres"),
                ("How long does the Moon take to complete one orbit around Earth?", "about 27 days"),
                ("Which side of the Moon cannot be seen from Earth?", "its far side"),
                ("In which year did people first walk on the Moon?", "1969"),
            ),
        ),
        ar=L(
            "القمر",
            (
                "القمر هو التابع الطبيعي الوحيد للأرض.",
                "يدور حول كوكبنا على مسافة متوسطها نحو 384 ألف كيلومتر.",
                "يستغرق القمر نحو 27 يومًا لإكمال دورة واحدة حول الأرض.",
                "ولأنه يُظهر لنا دائمًا الوجه نفسه، لا يمكن رؤية جانبه البعيد من الأرض.",
                "في عام 1969، أصبح رواد فضاء أبولو 11 أول من سار على سطحه من البشر.",
            ),
            (
                ("ما متوسط المسافة بين القمر والأرض؟", "384 ألف كيلومتر"),
                ("كم يستغرق القمر لإكمال دورة واحدة حول الأرض؟", "نحو 27 يومًا"),
                ("أي جانب من القمر لا يمكن رؤيته من الأرض؟", "جانبه البعيد"),
                ("في أي عام سار البشر على سطح القمر لأول مرة؟", "1969"),
            ),
        ),
        de=L(
            "Der Mond",
            (
                "Der Mond ist der einzige natürliche Satellit der Erde.",
                "Er umkreist unseren Planeten in einer mittleren Entfernung von etwa 384.000 Kilometern.",
                "Für einen vollständigen Umlauf um die Erde braucht der Mond etwa 27 Tage.",
                "Da er uns immer dieselbe Seite zuwendet, ist seine Rückseite von der Erde aus nicht zu sehen.",
                "Im Jahr 1969 betraten die Astronauten von Apollo 11 als erste Menschen seine Oberfläche.",
            ),
            (
                ("Wie groß ist die mittlere Entfernung zwischen Mond und Erde?", "384.000 Kilometern"),
                ("Wie lange braucht der Mond für einen vollständigen Umlauf um die Erde?", "etwa 27 Tage"),
                ("Welche Seite des Mondes ist von der Erde aus nicht zu sehen?", "seine Rückseite"),
                ("In welchem Jahr betraten Menschen zum ersten Mal den Mond?", "1969"),
            ),
        ),
        el=L(
            "Η Σελήνη",
            (
                "Η Σελήνη είναι ο μοναδικός φυσικός δορυφόρος της Γης.",
                "Περιφέρεται γύρω από τον πλανήτη μας σε μέση απόσταση περίπου 384.000 χιλιομέτρων.",
                "Η Σελήνη χρειάζεται περίπου 27 ημέρες για να ολοκληρώσει μία περιφορά γύρω από τη Γη.",
                "Επειδή στρέφει πάντα την ίδια πλευρά προς εμάς, η αθέατη πλευρά της δεν φαίνεται από τη Γη.",
                "Το 1969 οι αστροναύτες του Απόλλων 11 έγιναν οι πρώτοι άνθρωποι που περπάτησαν στην επιφάνειά της.",
            ),
            (
                ("Ποια είναι η μέση απόσταση της Σελήνης από τη Γη;", "384.000 χιλιομέτρων"),
                ("Πόσο χρόνο χρειάζεται η Σελήνη για μία περιφορά γύρω από τη Γη;", "περίπου 27 ημέρες"),
                ("Ποια πλευρά της Σελήνης δεν φαίνεται από τη Γη;", "η αθέατη πλευρά"),
                ("Ποια χρονιά περπάτησαν για πρώτη φορά άνθρωποι στη Σελήνη;", "1969"),
            ),
        ),
        es=L(
            "La Luna",
            (
                "La Luna es el único satélite natural de la Tierra.",
                "Gira alrededor de nuestro planeta a una distancia media de unos 384.000 kilómetros.",
                "La Luna tarda unos 27 días en completar una órbita alrededor de la Tierra.",
                "Como siempre nos muestra la misma cara, su cara oculta no se puede ver desde la Tierra.",
                "En 1969, los astronautas del Apolo 11 fueron las primeras personas en caminar sobre su superficie.",
            ),
            (
                ("¿Cuál es la distancia media entre la Luna y la Tierra?", "384.000 kilómetros"),
                ("¿Cuánto tarda la Luna en completar una órbita alrededor de la Tierra?", "unos 27 días"),
                ("¿Qué parte de la Luna no se puede ver desde la Tierra?", "su cara oculta"),
                ("¿En qué año caminaron personas por primera vez sobre la Luna?", "1969"),
            ),
        ),
        hi=L(
            "चंद्रमा",
            (
                "चंद्रमा पृथ्वी का एकमात्र प्राकृतिक उपग्रह है।",
                "यह लगभग 3,84,000 किलोमीटर की औसत दूरी पर हमारे ग्रह की परिक्रमा करता है।",
                "चंद्रमा को पृथ्वी की एक परिक्रमा पूरी करने में लगभग 27 दिन लगते हैं।",
                "चूँकि यह हमेशा अपना एक ही हिस्सा हमारी ओर रखता है, इसलिए इसका दूर वाला भाग पृथ्वी से दिखाई "
                "नहीं देता।",
                "1969 में अपोलो 11 के अंतरिक्ष यात्री इसकी सतह पर चलने वाले पहले इंसान बने।",
            ),
            (
                ("चंद्रमा और पृथ्वी के बीच औसत दूरी कितनी है?", "3,84,000 किलोमीटर"),
                ("चंद्रमा को पृथ्वी की एक परिक्रमा पूरी करने में कितना समय लगता है?", "लगभग 27 दिन"),
                ("चंद्रमा का कौन-सा भाग पृथ्वी से दिखाई नहीं देता?", "दूर वाला भाग"),
                ("इंसान पहली बार चंद्रमा पर किस वर्ष चले?", "1969"),
            ),
        ),
        ru=L(
            "Луна",
            (
                "Луна — единственный естественный спутник Земли.",
                "Она обращается вокруг нашей планеты на среднем расстоянии около 384 000 километров.",
                "Один оборот вокруг Земли Луна совершает примерно за 27 суток.",
                "Поскольку Луна всегда повёрнута к нам одной и той же стороной, её обратную сторону нельзя увидеть "
                "с Земли.",
                "В 1969 году астронавты «Аполлона-11» первыми из людей прошли по её поверхности.",
            ),
            (
                ("Каково среднее расстояние между Луной и Землёй?", "384 000 километров"),
                ("За какое время Луна совершает один оборот вокруг Земли?", "примерно за 27 суток"),
                ("Какую сторону Луны нельзя увидеть с Земли?", "обратную сторону"),
                ("В каком году люди впервые прошли по Луне?", "1969"),
            ),
        ),
        th=L(
            "ดวงจันทร์",
            (
                "ดวงจันทร์เป็นดาวบริวารตามธรรมชาติดวงเดียวของโลก",
                "ดวงจันทร์โคจรรอบโลกของเราที่ระยะห่างเฉลี่ยประมาณ 384,000 กิโลเมตร",
                "ดวงจันทร์ใช้เวลาประมาณ 27 วันในการโคจรรอบโลกครบหนึ่งรอบ",
                "เนื่องจากดวงจันทร์หันด้านเดิมเข้าหาเราเสมอ จึงไม่สามารถมองเห็นด้านไกลของดวงจันทร์ได้จากโลก",
                "ในปี ค.ศ. 1969 นักบินอวกาศของยานอะพอลโล 11 ได้กลายเป็นมนุษย์กลุ่มแรกที่เดินบนพื้นผิวดวงจันทร์",
            ),
            (
                ("ดวงจันทร์อยู่ห่างจากโลกโดยเฉลี่ยเท่าไร", "384,000 กิโลเมตร"),
                ("ดวงจันทร์ใช้เวลานานเท่าไรในการโคจรรอบโลกครบหนึ่งรอบ", "ประมาณ 27 วัน"),
                ("ด้านใดของดวงจันทร์ที่มองไม่เห็นจากโลก", "ด้านไกล"),
                ("มนุษย์เดินบนดวงจันทร์เป็นครั้งแรกในปีใด", "1969"),
            ),
        ),
        tr=L(
            "Ay",
            (
                "Ay, Dünya'nın tek doğal uydusudur.",
                "Gezegenimizin çevresinde ortalama yaklaşık 384.000 kilometre uzaklıkta dolanır.",
                "Ay, Dünya'nın çevresindeki bir turunu yaklaşık 27 günde tamamlar.",
                "Bize hep aynı yüzünü gösterdiği için arka yüzü Dünya'dan görülemez.",
                "1969'da Apollo 11 astronotları, yüzeyinde yürüyen ilk insanlar oldu.",
            ),
            (
                ("Ay ile Dünya arasındaki ortalama uzaklık nedir?", "384.000 kilometre"),
                ("Ay, Dünya'nın çevresindeki bir turunu ne kadar sürede tamamlar?", "yaklaşık 27 günde"),
                ("Ay'ın hangi yüzü Dünya'dan görülemez?", "arka yüzü"),
                ("İnsanlar Ay'da ilk kez hangi yıl yürüdü?", "1969"),
            ),
        ),
        vi=L(
            "Mặt Trăng",
            (
                "Mặt Trăng là vệ tinh tự nhiên duy nhất của Trái Đất.",
                "Nó quay quanh hành tinh của chúng ta ở khoảng cách trung bình vào khoảng 384.000 km.",
                "Mặt Trăng mất khoảng 27 ngày để hoàn thành một vòng quanh Trái Đất.",
                "Vì luôn hướng cùng một mặt về phía chúng ta, mặt khuất của nó không thể nhìn thấy từ Trái Đất.",
                "Năm 1969, các phi hành gia của Apollo 11 trở thành những người đầu tiên đi bộ trên bề mặt của nó.",
            ),
            (
                ("Khoảng cách trung bình giữa Mặt Trăng và Trái Đất là bao nhiêu?", "384.000 km"),
                ("Mặt Trăng mất bao lâu để hoàn thành một vòng quanh Trái Đất?", "khoảng 27 ngày"),
                ("Mặt nào của Mặt Trăng không thể nhìn thấy từ Trái Đất?", "mặt khuất"),
                ("Con người lần đầu đi bộ trên Mặt Trăng vào năm nào?", "1969"),
            ),
        ),
        zh=L(
            "月球",
            (
                "月球是地球唯一的天然卫星。",
                "它绕地球运行的平均距离约为38.4万公里。",
                "月球绕地球运行一周大约需要27天。",
                "由于月球总是以同一面朝向我们，它的背面从地球上无法看到。",
                "1969年，阿波罗11号的宇航员成为第一批在月球表面行走的人。",
            ),
            (
                ("月球与地球之间的平均距离是多少？", "38.4万公里"),
                ("月球绕地球运行一周大约需要多长时间？", "27天"),
                ("月球的哪一面从地球上无法看到？", "背面"),
                ("人类在哪一年首次在月球上行走？", "1969年"),
            ),
        ),
    ),
    para(
        "coffee", "train", (1, 2, 3, 4),
        en=L(
            "Coffee",
            (
                "Coffee is made from the roasted seeds of the coffee plant, which are usually called beans.",
                "According to a popular legend, the plant was discovered in Ethiopia by a goat herder.",
                "By the fifteenth century, people in Yemen were already drinking coffee.",
                "Today Brazil is the largest coffee producer in the world.",
                "The two most widely grown species are Arabica and Robusta.",
            ),
            (
                ("According to legend, in which country was the coffee plant discovered?", "Ethiopia"),
                ("Where were people already drinking coffee by the fifteenth century?", "Yemen"),
                ("Which country is the largest coffee producer today?", "Brazil"),
                ("What are the two most widely grown coffee species?", "Arabica and Robusta"),
            ),
        ),
        ar=L(
            "القهوة",
            (
                "تُصنع القهوة من البذور المحمصة لنبات البن، والتي تُسمى عادةً حبوب البن.",
                "وفقًا لأسطورة شائعة، اكتشف راعي ماعز هذا النبات في إثيوبيا.",
                "وبحلول القرن الخامس عشر كان الناس في اليمن يشربون القهوة.",
                "واليوم تُعد البرازيل أكبر منتج للقهوة في العالم.",
                "والنوعان الأكثر زراعة هما أرابيكا وروبوستا.",
            ),
            (
                ("في أي بلد اكتُشف نبات البن وفقًا للأسطورة؟", "إثيوبيا"),
                ("أين كان الناس يشربون القهوة بحلول القرن الخامس عشر؟", "اليمن"),
                ("ما البلد الذي يُعد اليوم أكبر منتج للقهوة؟", "البرازيل"),
                ("ما نوعا البن الأكثر زراعة؟", "أرابيكا وروبوستا"),
            ),
        ),
        de=L(
            "Kaffee",
            (
                "Kaffee wird aus den gerösteten Samen der Kaffeepflanze hergestellt, die meist Bohnen genannt werden.",
                "Einer bekannten Legende nach wurde die Pflanze in Äthiopien von einem Ziegenhirten entdeckt.",
                "Spätestens im 15. Jahrhundert tranken die Menschen im Jemen bereits Kaffee.",
                "Heute ist Brasilien der größte Kaffeeproduzent der Welt.",
                "Die beiden am häufigsten angebauten Arten sind Arabica und Robusta.",
            ),
            (
                ("In welchem Land wurde die Kaffeepflanze der Legende nach entdeckt?", "Äthiopien"),
                ("Wo tranken die Menschen spätestens im 15. Jahrhundert bereits Kaffee?", "im Jemen"),
                ("Welches Land ist heute der größte Kaffeeproduzent?", "Brasilien"),
                ("Welches sind die beiden am häufigsten angebauten Kaffeearten?", "Arabica und Robusta"),
            ),
        ),
        el=L(
            "Ο καφές",
            (
                "Ο καφές παρασκευάζεται από τους καβουρδισμένους σπόρους του φυτού του καφέ, που συνήθως ονομάζονται "
                "κόκκοι.",
                "Σύμφωνα με έναν γνωστό θρύλο, το φυτό ανακαλύφθηκε στην Αιθιοπία από έναν βοσκό κατσικιών.",
                "Ήδη από τον 15ο αιώνα οι άνθρωποι στην Υεμένη έπιναν καφέ.",
                "Σήμερα η Βραζιλία είναι ο μεγαλύτερος παραγωγός καφέ στον κόσμο.",
                "Τα δύο είδη που καλλιεργούνται περισσότερο είναι το αράμπικα και το ρομπούστα.",
            ),
            (
                ("Σύμφωνα με τον θρύλο, σε ποια χώρα ανακαλύφθηκε το φυτό του καφέ;", "Αιθιοπία"),
                ("Πού έπιναν ήδη καφέ οι άνθρωποι από τον 15ο αιώνα;", "στην Υεμένη"),
                ("Ποια χώρα είναι σήμερα ο μεγαλύτερος παραγωγός καφέ;", "η Βραζιλία"),
                ("Ποια είναι τα δύο είδη καφέ που καλλιεργούνται περισσότερο;", "το αράμπικα και το ρομπούστα"),
            ),
        ),
        es=L(
            "El café",
            (
                "El café se elabora con las semillas tostadas de la planta del café, a las que se suele llamar granos.",
                "Según una leyenda muy conocida, la planta fue descubierta en Etiopía por un pastor de cabras.",
                "Ya en el siglo XV se bebía café en Yemen.",
                "Hoy en día, Brasil es el mayor productor de café del mundo.",
                "Las dos especies más cultivadas son la arábica y la robusta.",
            ),
            (
                ("Según la leyenda, ¿en qué país se descubrió la planta del café?", "Etiopía"),
                ("¿Dónde se bebía café ya en el siglo XV?", "Yemen"),
                ("¿Qué país es hoy el mayor productor de café?", "Brasil"),
                ("¿Cuáles son las dos especies de café más cultivadas?", "la arábica y la robusta"),
            ),
        ),
        hi=L(
            "कॉफ़ी",
            (
                "कॉफ़ी, कॉफ़ी के पौधे के भुने हुए बीजों से बनती है, जिन्हें आमतौर पर बीन्स कहा जाता है।",
                "एक लोकप्रिय किंवदंती के अनुसार, इस पौधे की खोज इथियोपिया में एक बकरी चराने वाले ने की थी।",
                "पंद्रहवीं शताब्दी तक यमन में लोग कॉफ़ी पीने लगे थे।",
                "आज ब्राज़ील दुनिया का सबसे बड़ा कॉफ़ी उत्पादक है।",
                "सबसे ज़्यादा उगाई जाने वाली दो प्रजातियाँ अरेबिका और रोबस्टा हैं।",
            ),
            (
                ("किंवदंती के अनुसार कॉफ़ी के पौधे की खोज किस देश में हुई थी?", "इथियोपिया"),
                ("पंद्रहवीं शताब्दी तक लोग कहाँ कॉफ़ी पीने लगे थे?", "यमन"),
                ("आज दुनिया का सबसे बड़ा कॉफ़ी उत्पादक देश कौन-सा है?", "ब्राज़ील"),
                ("कॉफ़ी की सबसे ज़्यादा उगाई जाने वाली दो प्रजातियाँ कौन-सी हैं?", "अरेबिका और रोबस्टा"),
            ),
        ),
        ru=L(
            "Кофе",
            (
                "Кофе готовят из обжаренных семян кофейного дерева, которые обычно называют зёрнами.",
                "Согласно известной легенде, это растение обнаружил в Эфиопии пастух коз.",
                "Уже к XV веку кофе пили в Йемене.",
                "Сегодня крупнейшим производителем кофе в мире является Бразилия.",
                "Два наиболее широко выращиваемых вида — арабика и робуста.",
            ),
            (
                ("В какой стране, согласно легенде, было обнаружено кофейное дерево?", "в Эфиопии"),
                ("Где пили кофе уже к XV веку?", "в Йемене"),
                ("Какая страна сегодня крупнейший производитель кофе?", "Бразилия"),
                ("Какие два вида кофе выращивают чаще всего?", "арабика и робуста"),
            ),
        ),
        th=L(
            "กาแฟ",
            (
                "กาแฟทำจากเมล็ดคั่วของต้นกาแฟ ซึ่งมักเรียกกันว่าเมล็ดกาแฟ",
                "ตามตำนานที่เล่าขานกันแพร่หลาย คนเลี้ยงแพะคนหนึ่งเป็นผู้ค้นพบต้นกาแฟในเอธิโอเปีย",
                "ภายในคริสต์ศตวรรษที่ 15 ผู้คนในเยเมนก็ดื่มกาแฟกันแล้ว",
                "ปัจจุบันบราซิลเป็นประเทศผู้ผลิตกาแฟรายใหญ่ที่สุดของโลก",
                "กาแฟสองสายพันธุ์ที่ปลูกกันมากที่สุดคืออาราบิกาและโรบัสตา",
            ),
            (
                ("ตามตำนาน ต้นกาแฟถูกค้นพบในประเทศใด", "เอธิโอเปีย"),
                ("ภายในคริสต์ศตวรรษที่ 15 ผู้คนที่ใดดื่มกาแฟกันแล้ว", "เยเมน"),
                ("ปัจจุบันประเทศใดเป็นผู้ผลิตกาแฟรายใหญ่ที่สุดของโลก", "บราซิล"),
                ("กาแฟสองสายพันธุ์ที่ปลูกกันมากที่สุดคืออะไร", "อาราบิกาและโรบัสตา"),
            ),
        ),
        tr=L(
            "Kahve",
            (
                "Kahve, kahve bitkisinin genellikle çekirdek denen kavrulmuş tohumlarından yapılır.",
                "Yaygın bir efsaneye göre bitki, Etiyopya'da bir keçi çobanı tarafından keşfedildi.",
                "On beşinci yüzyılda Yemen'de insanlar zaten kahve içiyordu.",
                "Bugün dünyanın en büyük kahve üreticisi Brezilya'dır.",
                "En yaygın yetiştirilen iki tür Arabica ve Robusta'dır.",
            ),
            (
                ("Efsaneye göre kahve bitkisi hangi ülkede keşfedildi?", "Etiyopya"),
                ("On beşinci yüzyılda insanlar nerede zaten kahve içiyordu?", "Yemen"),
                ("Bugün dünyanın en büyük kahve üreticisi hangi ülkedir?", "Brezilya"),
                ("En yaygın yetiştirilen iki kahve türü hangileridir?", "Arabica ve Robusta"),
            ),
        ),
        vi=L(
            "Cà phê",
            (
                "Cà phê được làm từ hạt đã rang của cây cà phê, thường gọi là hạt cà phê.",
                "Theo một truyền thuyết phổ biến, cây cà phê được một người chăn dê phát hiện ở Ethiopia.",
                "Đến thế kỷ 15, người dân ở Yemen đã uống cà phê.",
                "Ngày nay Brazil là nước sản xuất cà phê lớn nhất thế giới.",
                "Hai loài được trồng phổ biến nhất là Arabica và Robusta.",
            ),
            (
                ("Theo truyền thuyết, cây cà phê được phát hiện ở nước nào?", "Ethiopia"),
                ("Đến thế kỷ 15, người dân ở đâu đã uống cà phê?", "Yemen"),
                ("Ngày nay nước nào sản xuất cà phê nhiều nhất thế giới?", "Brazil"),
                ("Hai loài cà phê được trồng phổ biến nhất là gì?", "Arabica và Robusta"),
            ),
        ),
        zh=L(
            "咖啡",
            (
                "咖啡是用咖啡树经过烘焙的种子制成的，这些种子通常被称为咖啡豆。",
                "据一个流传很广的传说，咖啡树是由一位牧羊人在埃塞俄比亚发现的。",
                "到十五世纪时，也门人已经在喝咖啡了。",
                "如今，巴西是世界上最大的咖啡生产国。",
                "种植最广的两个品种是阿拉比卡和罗布斯塔。",
            ),
            (
                ("根据传说，咖啡树是在哪个国家被发现的？", "埃塞俄比亚"),
                ("到十五世纪时，哪里的人已经在喝咖啡了？", "也门"),
                ("如今哪个国家是世界上最大的咖啡生产国？", "巴西"),
                ("种植最广的两个咖啡品种是什么？", "阿拉比卡和罗布斯塔"),
            ),
        ),
    ),
    para(
        "printing-press", "train", (1, 2, 3, 4),
        en=L(
            "The printing press",
            (
                "Before printing, books in Europe had to be copied by hand, which took a very long time.",
                "Around 1440, Johannes Gutenberg developed a printing press with movable metal type in Mainz.",
                "His best-known work is a Bible printed in the 1450s.",
                "The new technique made books cheaper and helped ideas spread quickly across Europe.",
                "Much earlier, printing with movable type had already been invented in China.",
            ),
            (
                ("Who developed a printing press with movable metal type around 1440?", "Johannes Gutenberg"),
                ("What is Gutenberg's best-known printed work?", "a Bible"),
                ("How did the new printing technique change the price of books?", "made books cheaper"),
                ("Where had printing with movable type been invented much earlier?", "China"),
            ),
        ),
        ar=L(
            "الطباعة",
            (
                "قبل ظهور الطباعة، كان لا بد من نسخ الكتب في أوروبا باليد، وكان ذلك يستغرق وقتًا طويلًا جدًا.",
                "في نحو عام 1440، طوّر يوهانس غوتنبرغ في مدينة ماينتس مطبعة بحروف معدنية متحركة.",
                "وأشهر أعماله نسخة من الكتاب المقدس طُبعت في خمسينيات القرن الخامس عشر.",
                "جعلت التقنية الجديدة الكتب أرخص، وساعدت على انتشار الأفكار بسرعة في أنحاء أوروبا.",
                "وقبل ذلك بوقت طويل، كانت الطباعة بالحروف المتحركة قد اختُرعت في الصين.",
            ),
            (
                ("من طوّر مطبعة بحروف معدنية متحركة في نحو عام 1440؟", "يوهانس غوتنبرغ"),
                ("ما أشهر عمل طبعه غوتنبرغ؟", "نسخة من الكتاب المقدس"),
                ("كيف غيّرت تقنية الطباعة الجديدة أسعار الكتب؟", "الكتب أرخص"),
                ("أين اختُرعت الطباعة بالحروف المتحركة قبل ذلك بوقت طويل؟", "الصين"),
            ),
        ),
        de=L(
            "Der Buchdruck",
            (
                "Vor der Erfindung des Buchdrucks mussten Bücher in Europa von Hand abgeschrieben werden, was sehr "
                "lange dauerte.",
                "Um 1440 entwickelte Johannes Gutenberg in Mainz eine Druckerpresse mit beweglichen Metalllettern.",
                "Sein bekanntestes Werk ist eine Bibel, die in den 1450er-Jahren gedruckt wurde.",
                "Die neue Technik machte Bücher billiger und half, Ideen schnell in ganz Europa zu verbreiten.",
                "Schon viel früher war der Druck mit beweglichen Lettern in China erfunden worden.",
            ),
            (
                ("Wer entwickelte um 1440 eine Druckerpresse mit beweglichen Metalllettern?", "Johannes Gutenberg"),
                ("Was ist Gutenbergs bekanntestes gedrucktes Werk?", "eine Bibel"),
                ("Wie veränderte die neue Drucktechnik den Preis von Büchern?", "machte Bücher billiger"),
                ("Wo war der Druck mit beweglichen Lettern schon viel früher erfunden worden?", "in China"),
            ),
        ),
        el=L(
            "Η τυπογραφία",
            (
                "Πριν από την τυπογραφία, τα βιβλία στην Ευρώπη έπρεπε να αντιγράφονται με το χέρι, κάτι που "
                "χρειαζόταν πολύ χρόνο.",
                "Γύρω στο 1440 ο Ιωάννης Γουτεμβέργιος ανέπτυξε στο Μάιντς ένα πιεστήριο με κινητά μεταλλικά "
                "στοιχεία.",
                "Το πιο γνωστό έργο του είναι μια Βίβλος που τυπώθηκε τη δεκαετία του 1450.",
                "Η νέα τεχνική έκανε τα βιβλία φθηνότερα και βοήθησε τις ιδέες να διαδοθούν γρήγορα σε όλη την "
                "Ευρώπη.",
                "Πολύ νωρίτερα, η εκτύπωση με κινητά στοιχεία είχε ήδη εφευρεθεί στην Κίνα.",
            ),
            (
                ("Ποιος ανέπτυξε γύρω στο 1440 ένα πιεστήριο με κινητά μεταλλικά στοιχεία;", "Ιωάννης Γουτεμβέργιος"),
                ("Ποιο είναι το πιο γνωστό τυπωμένο έργο του Γουτεμβέργιου;", "μια Βίβλος"),
                ("Πώς άλλαξε η νέα τεχνική την τιμή των βιβλίων;", "έκανε τα βιβλία φθηνότερα"),
                ("Πού είχε εφευρεθεί πολύ νωρίτερα η εκτύπωση με κινητά στοιχεία;", "στην Κίνα"),
            ),
        ),
        es=L(
            "La imprenta",
            (
                "Antes de la imprenta, en Europa los libros tenían que copiarse a mano, lo que llevaba muchísimo "
                "tiempo.",
                "Hacia 1440, Johannes Gutenberg desarrolló en Maguncia una imprenta de tipos móviles de metal.",
                "Su obra más conocida es una Biblia impresa en la década de 1450.",
                "La nueva técnica abarató los libros y ayudó a que las ideas se difundieran rápidamente por Europa.",
                "Mucho antes, la impresión con tipos móviles ya se había inventado en China.",
            ),
            (
                ("¿Quién desarrolló hacia 1440 una imprenta de tipos móviles de metal?", "Johannes Gutenberg"),
                ("¿Cuál es la obra impresa más conocida de Gutenberg?", "una Biblia"),
                ("¿Cómo cambió la nueva técnica de impresión el precio de los libros?", "abarató los libros"),
                ("¿Dónde se había inventado mucho antes la impresión con tipos móviles?", "en China"),
            ),
        ),
        hi=L(
            "छापाखाना",
            (
                "छपाई से पहले यूरोप में किताबों की नकल हाथ से करनी पड़ती थी, जिसमें बहुत लंबा समय लगता था।",
                "लगभग 1440 में योहानेस गुटेनबर्ग ने माइंत्स में धातु के चल अक्षरों वाला एक छापाखाना विकसित किया।",
                "उनकी सबसे प्रसिद्ध कृति एक बाइबिल है, जो 1450 के दशक में छपी थी।",
                "इस नई तकनीक ने किताबों को सस्ता बना दिया और विचारों को पूरे यूरोप में तेज़ी से फैलने में मदद की।",
                "इससे बहुत पहले, चल अक्षरों से छपाई का आविष्कार चीन में हो चुका था।",
            ),
            (
                ("लगभग 1440 में धातु के चल अक्षरों वाला छापाखाना किसने विकसित किया?", "योहानेस गुटेनबर्ग"),
                ("गुटेनबर्ग की सबसे प्रसिद्ध छपी हुई कृति कौन-सी है?", "एक बाइबिल"),
                ("नई छपाई तकनीक ने किताबों की कीमत पर क्या असर डाला?", "किताबों को सस्ता बना दिया"),
                ("चल अक्षरों से छपाई का आविष्कार बहुत पहले कहाँ हो चुका था?", "चीन"),
            ),
        ),
        ru=L(
            "Книгопечатание",
            (
                "До появления книгопечатания книги в Европе приходилось переписывать от руки, и это занимало очень "
                "много времени.",
                "Около 1440 года Иоганн Гутенберг создал в Майнце печатный станок с подвижными металлическими "
                "литерами.",
                "Самая известная его работа — Библия, напечатанная в 1450-х годах.",
                "Новая технология сделала книги дешевле и помогла идеям быстро распространяться по всей Европе.",
                "Ещё намного раньше печать подвижными литерами была изобретена в Китае.",
            ),
            (
                ("Кто около 1440 года создал печатный станок с подвижными металлическими литерами?",
                 "Иоганн Гутенберг"),
                ("Какая печатная работа Гутенберга самая известная?", "Библия"),
                ("Как новая технология печати повлияла на цену книг?", "сделала книги дешевле"),
                ("Где печать подвижными литерами была изобретена намного раньше?", "в Китае"),
            ),
        ),
        th=L(
            "แท่นพิมพ์",
            (
                "ก่อนจะมีการพิมพ์ หนังสือในยุโรปต้องคัดลอกด้วยมือ ซึ่งใช้เวลานานมาก",
                "ราวปี ค.ศ. 1440 โยฮันเนส กูเทนแบร์ก ได้พัฒนาแท่นพิมพ์ที่ใช้ตัวพิมพ์โลหะเคลื่อนที่ได้ขึ้นที่เมืองไมนซ์",
                "ผลงานที่มีชื่อเสียงที่สุดของเขาคือคัมภีร์ไบเบิลที่พิมพ์ขึ้นในช่วงทศวรรษ 1450",
                "เทคนิคใหม่นี้ทำให้หนังสือมีราคาถูกลง และช่วยให้แนวคิดต่าง ๆ แพร่กระจายไปทั่วยุโรปอย่างรวดเร็ว",
                "ก่อนหน้านั้นนานมาก การพิมพ์ด้วยตัวพิมพ์เคลื่อนที่ได้ถูกประดิษฐ์ขึ้นแล้วในจีน",
            ),
            (
                ("ใครพัฒนาแท่นพิมพ์ที่ใช้ตัวพิมพ์โลหะเคลื่อนที่ได้เมื่อราวปี ค.ศ. 1440", "โยฮันเนส กูเทนแบร์ก"),
                ("ผลงานพิมพ์ที่มีชื่อเสียงที่สุดของกูเทนแบร์กคืออะไร", "คัมภีร์ไบเบิล"),
                ("เทคนิคการพิมพ์แบบใหม่ส่งผลต่อราคาหนังสืออย่างไร", "หนังสือมีราคาถูกลง"),
                ("การพิมพ์ด้วยตัวพิมพ์เคลื่อนที่ได้ถูกประดิษฐ์ขึ้นก่อนหน้านั้นนานมากที่ใด", "จีน"),
            ),
        ),
        tr=L(
            "Matbaa",
            (
                "Matbaadan önce Avrupa'da kitapların elle kopyalanması gerekiyordu ve bu çok uzun zaman alıyordu.",
                "Johannes Gutenberg, 1440 civarında Mainz'da hareketli metal harflerle çalışan bir baskı makinesi "
                "geliştirdi.",
                "En tanınmış eseri, 1450'lerde basılan bir İncil'dir.",
                "Yeni teknik kitapları ucuzlattı ve fikirlerin Avrupa'da hızla yayılmasına yardım etti.",
                "Hareketli harflerle baskı, çok daha önce Çin'de icat edilmişti.",
            ),
            (
                ("1440 civarında hareketli metal harflerle çalışan bir baskı makinesini kim geliştirdi?",
                 "Johannes Gutenberg"),
                ("Gutenberg'in en tanınmış basılı eseri nedir?", "bir İncil"),
                ("Yeni baskı tekniği kitapların fiyatını nasıl etkiledi?", "kitapları ucuzlattı"),
                ("Hareketli harflerle baskı çok daha önce nerede icat edilmişti?", "Çin'de"),
            ),
        ),
        vi=L(
            "Máy in",
            (
                "Trước khi có nghề in, sách ở châu Âu phải được chép tay, việc này tốn rất nhiều thời gian.",
                "Khoảng năm 1440, Johannes Gutenberg đã phát triển tại Mainz một chiếc máy in dùng con chữ rời bằng "
                "kim loại.",
                "Tác phẩm nổi tiếng nhất của ông là một cuốn Kinh Thánh được in vào những năm 1450.",
                "Kỹ thuật mới làm cho sách rẻ hơn và giúp các ý tưởng lan truyền nhanh chóng khắp châu Âu.",
                "Từ rất lâu trước đó, kỹ thuật in bằng con chữ rời đã được phát minh ở Trung Quốc.",
            ),
            (
                ("Ai đã phát triển máy in dùng con chữ rời bằng kim loại vào khoảng năm 1440?", "Johannes Gutenberg"),
                ("Tác phẩm in nổi tiếng nhất của Gutenberg là gì?", "một cuốn Kinh Thánh"),
                ("Kỹ thuật in mới đã ảnh hưởng thế nào đến giá sách?", "làm cho sách rẻ hơn"),
                ("Kỹ thuật in bằng con chữ rời đã được phát minh ở đâu từ rất lâu trước đó?", "Trung Quốc"),
            ),
        ),
        zh=L(
            "印刷机",
            (
                "在印刷术出现之前，欧洲的书籍只能靠手工抄写，这需要很长时间。",
                "大约在1440年，约翰内斯·古腾堡在美因茨研制出一种使用金属活字的印刷机。",
                "他最著名的作品是一部在15世纪50年代印刷的《圣经》。",
                "这项新技术使书籍变得更便宜，并帮助思想迅速传遍欧洲。",
                "早在很久以前，活字印刷术就已经在中国被发明出来了。",
            ),
            (
                ("大约在1440年，是谁研制出使用金属活字的印刷机？", "约翰内斯·古腾堡"),
                ("古腾堡最著名的印刷作品是什么？", "《圣经》"),
                ("这项新印刷技术对书籍的价格有什么影响？", "变得更便宜"),
                ("活字印刷术很早以前在哪里被发明？", "中国"),
            ),
        ),
    ),
    para(
        "everest", "train", (1, 2, 3, 4),
        en=L(
            "Mount Everest",
            (
                "Mount Everest is the highest mountain on Earth above sea level.",
                "Its summit is 8,849 metres high, according to a measurement announced in 2020.",
                "The mountain lies in the Himalayas, on the border between Nepal and China.",
                "Climbers usually spend several weeks getting used to the thin air before they try to reach the top.",
                "Edmund Hillary and Tenzing Norgay were the first climbers confirmed to reach the summit, in 1953.",
            ),
            (
                ("How high is the summit of Mount Everest?", "8,849 metres"),
                ("In which mountain range does Everest lie?", "the Himalayas"),
                ("What do climbers spend several weeks getting used to before trying to reach the top?",
                 "the thin air"),
                ("Who were the first climbers confirmed to reach the summit of Everest?",
                 "Edmund Hillary and Tenzing Norgay"),
            ),
        ),
        ar=L(
            "جبل إيفرست",
            (
                "جبل إيفرست هو أعلى جبل على الأرض فوق مستوى سطح البحر.",
                "يبلغ ارتفاع قمته 8849 مترًا، وفقًا لقياس أُعلن عام 2020.",
                "يقع الجبل في سلسلة جبال الهيمالايا، على الحدود بين نيبال والصين.",
                "يقضي المتسلقون عادةً عدة أسابيع في التأقلم مع الهواء المخلخل قبل محاولة بلوغ القمة.",
                "كان إدموند هيلاري وتينزينغ نورغاي أول متسلقين ثبت وصولهما إلى القمة، وذلك عام 1953.",
            ),
            (
                ("ما ارتفاع قمة جبل إيفرست؟", "8849 مترًا"),
                ("في أي سلسلة جبلية يقع إيفرست؟", "الهيمالايا"),
                ("مع أي شيء يتأقلم المتسلقون عدة أسابيع قبل محاولة بلوغ القمة؟", "الهواء المخلخل"),
                ("من أول متسلقين ثبت وصولهما إلى قمة إيفرست؟", "إدموند هيلاري وتينزينغ نورغاي"),
            ),
        ),
        de=L(
            "Der Mount Everest",
            (
                "Der Mount Everest ist der höchste Berg der Erde über dem Meeresspiegel.",
                "Nach einer im Jahr 2020 veröffentlichten Messung ist sein Gipfel 8.849 Meter hoch.",
                "Der Berg liegt im Himalaya an der Grenze zwischen Nepal und China.",
                "Bergsteiger gewöhnen sich meist mehrere Wochen lang an die dünne Luft, bevor sie versuchen, den "
                "Gipfel zu erreichen.",
                "Edmund Hillary und Tenzing Norgay erreichten 1953 als Erste nachweislich den Gipfel.",
            ),
            (
                ("Wie hoch ist der Gipfel des Mount Everest?", "8.849 Meter"),
                ("In welchem Gebirge liegt der Everest?", "im Himalaya"),
                ("Woran gewöhnen sich Bergsteiger mehrere Wochen lang, bevor sie den Gipfel zu erreichen versuchen?",
                 "an die dünne Luft"),
                ("Wer erreichte als Erster nachweislich den Gipfel des Everest?", "Edmund Hillary und Tenzing Norgay"),
            ),
        ),
        el=L(
            "Το Έβερεστ",
            (
                "Το Έβερεστ είναι το ψηλότερο βουνό της Γης πάνω από την επιφάνεια της θάλασσας.",
                "Σύμφωνα με μια μέτρηση που ανακοινώθηκε το 2020, η κορυφή του έχει ύψος 8.849 μέτρα.",
                "Το βουνό βρίσκεται στα Ιμαλάια, στα σύνορα του Νεπάλ με την Κίνα.",
                "Οι ορειβάτες συνήθως περνούν αρκετές εβδομάδες συνηθίζοντας στον αραιό αέρα πριν επιχειρήσουν να "
                "φτάσουν στην κορυφή.",
                "Ο Έντμουντ Χίλαρι και ο Τένζινγκ Νοργκέι ήταν οι πρώτοι ορειβάτες που επιβεβαιωμένα έφτασαν στην "
                "κορυφή, το 1953.",
            ),
            (
                ("Πόσο ψηλή είναι η κορυφή του Έβερεστ;", "8.849 μέτρα"),
                ("Σε ποια οροσειρά βρίσκεται το Έβερεστ;", "στα Ιμαλάια"),
                ("Σε τι συνηθίζουν οι ορειβάτες για αρκετές εβδομάδες πριν επιχειρήσουν να φτάσουν στην κορυφή;",
                 "στον αραιό αέρα"),
                ("Ποιοι ήταν οι πρώτοι ορειβάτες που επιβεβαιωμένα έφτασαν στην κορυφή του Έβερεστ;",
                 "Ο Έντμουντ Χίλαρι και ο Τένζινγκ Νοργκέι"),
            ),
        ),
        es=L(
            "El monte Everest",
            (
                "El monte Everest es la montaña más alta de la Tierra sobre el nivel del mar.",
                "Según una medición anunciada en 2020, su cumbre tiene 8.849 metros de altura.",
                "La montaña se encuentra en el Himalaya, en la frontera entre Nepal y China.",
                "Los escaladores suelen pasar varias semanas acostumbrándose al aire enrarecido antes de intentar "
                "llegar a la cima.",
                "Edmund Hillary y Tenzing Norgay fueron, en 1953, los primeros escaladores de los que consta que "
                "alcanzaron la cumbre.",
            ),
            (
                ("¿Qué altura tiene la cumbre del Everest?", "8.849 metros"),
                ("¿En qué cordillera se encuentra el Everest?", "el Himalaya"),
                ("¿A qué se acostumbran los escaladores durante varias semanas antes de intentar llegar a la cima?",
                 "al aire enrarecido"),
                ("¿Quiénes fueron los primeros escaladores de los que consta que alcanzaron la cumbre del Everest?",
                 "Edmund Hillary y Tenzing Norgay"),
            ),
        ),
        hi=L(
            "माउंट एवरेस्ट",
            (
                "माउंट एवरेस्ट समुद्र तल से ऊँचाई के हिसाब से पृथ्वी का सबसे ऊँचा पर्वत है।",
                "2020 में घोषित एक माप के अनुसार, इसकी चोटी 8,849 मीटर ऊँची है।",
                "यह पर्वत हिमालय में नेपाल और चीन की सीमा पर स्थित है।",
                "पर्वतारोही चोटी तक पहुँचने की कोशिश करने से पहले आमतौर पर कई हफ़्ते विरल हवा के अभ्यस्त होने में "
                "बिताते हैं।",
                "1953 में एडमंड हिलेरी और तेनज़िंग नोर्गे पहले ऐसे पर्वतारोही बने, जिनके चोटी पर पहुँचने की "
                "पुष्टि हुई।",
            ),
            (
                ("माउंट एवरेस्ट की चोटी कितनी ऊँची है?", "8,849 मीटर"),
                ("एवरेस्ट किस पर्वत शृंखला में स्थित है?", "हिमालय"),
                ("चोटी तक पहुँचने की कोशिश से पहले पर्वतारोही कई हफ़्ते किसके अभ्यस्त होने में बिताते हैं?",
                 "विरल हवा"),
                ("वे पहले पर्वतारोही कौन थे, जिनके एवरेस्ट की चोटी पर पहुँचने की पुष्टि हुई?",
                 "एडमंड हिलेरी और तेनज़िंग नोर्गे"),
            ),
        ),
        ru=L(
            "Эверест",
            (
                "Эверест — самая высокая гора на Земле над уровнем моря.",
                "По данным измерения, объявленного в 2020 году, высота его вершины составляет 8849 метров.",
                "Гора находится в Гималаях, на границе Непала и Китая.",
                "Альпинисты обычно несколько недель привыкают к разреженному воздуху, прежде чем попытаться "
                "подняться на вершину.",
                "Эдмунд Хиллари и Тенцинг Норгей в 1953 году стали первыми альпинистами, чьё восхождение на вершину "
                "подтверждено.",
            ),
            (
                ("Какова высота вершины Эвереста?", "8849 метров"),
                ("В какой горной системе находится Эверест?", "в Гималаях"),
                ("К чему альпинисты несколько недель привыкают перед восхождением на вершину?",
                 "к разреженному воздуху"),
                ("Кто стал первыми альпинистами, чьё восхождение на вершину Эвереста подтверждено?",
                 "Эдмунд Хиллари и Тенцинг Норгей"),
            ),
        ),
        th=L(
            "ยอดเขาเอเวอเรสต์",
            (
                "ยอดเขาเอเวอเรสต์เป็นภูเขาที่สูงที่สุดในโลกเมื่อวัดจากระดับน้ำทะเล",
                "จากผลการวัดที่ประกาศในปี ค.ศ. 2020 ยอดเขามีความสูง 8,849 เมตร",
                "ภูเขาลูกนี้ตั้งอยู่ในเทือกเขาหิมาลัย บนพรมแดนระหว่างเนปาลกับจีน",
                "โดยปกตินักปีนเขาจะใช้เวลาหลายสัปดาห์ปรับตัวให้ชินกับอากาศเบาบางก่อนพยายามขึ้นสู่ยอดเขา",
                "เอ็ดมันด์ ฮิลลารี และเทนซิง นอร์เก เป็นนักปีนเขากลุ่มแรกที่ได้รับการยืนยันว่าขึ้นถึงยอดเขาได้ "
                "ในปี ค.ศ. 1953",
            ),
            (
                ("ยอดเขาเอเวอเรสต์สูงเท่าไร", "8,849 เมตร"),
                ("ยอดเขาเอเวอเรสต์ตั้งอยู่ในเทือกเขาใด", "เทือกเขาหิมาลัย"),
                ("ก่อนพยายามขึ้นสู่ยอดเขา นักปีนเขาใช้เวลาหลายสัปดาห์ปรับตัวให้ชินกับอะไร", "อากาศเบาบาง"),
                ("ใครเป็นนักปีนเขากลุ่มแรกที่ได้รับการยืนยันว่าขึ้นถึงยอดเอเวอเรสต์ได้",
                 "เอ็ดมันด์ ฮิลลารี และเทนซิง นอร์เก"),
            ),
        ),
        tr=L(
            "Everest Dağı",
            (
                "Everest Dağı, deniz seviyesinden yüksekliği bakımından Dünya'nın en yüksek dağıdır.",
                "2020'de açıklanan bir ölçüme göre zirvesi 8.849 metre yüksekliktedir.",
                "Dağ, Himalayalar'da, Nepal ile Çin arasındaki sınırda yer alır.",
                "Dağcılar zirveye çıkmayı denemeden önce genellikle birkaç hafta boyunca seyrek havaya alışırlar.",
                "Zirveye ulaştığı kesin olarak bilinen ilk dağcılar, 1953'te Edmund Hillary ve Tenzing Norgay oldu.",
            ),
            (
                ("Everest Dağı'nın zirvesi ne kadar yüksektir?", "8.849 metre"),
                ("Everest hangi sıradağlarda yer alır?", "Himalayalar"),
                ("Dağcılar zirveye çıkmayı denemeden önce birkaç hafta boyunca neye alışırlar?", "seyrek havaya"),
                ("Everest'in zirvesine ulaştığı kesin olarak bilinen ilk dağcılar kimlerdir?",
                 "Edmund Hillary ve Tenzing Norgay"),
            ),
        ),
        vi=L(
            "Đỉnh Everest",
            (
                "Everest là ngọn núi cao nhất Trái Đất tính từ mực nước biển.",
                "Theo kết quả đo được công bố năm 2020, đỉnh núi cao 8.849 mét.",
                "Ngọn núi nằm trong dãy Himalaya, trên biên giới giữa Nepal và Trung Quốc.",
                "Những người leo núi thường mất vài tuần để làm quen với không khí loãng trước khi tìm cách lên đến "
                "đỉnh.",
                "Edmund Hillary và Tenzing Norgay là những người leo núi đầu tiên được xác nhận đã lên tới đỉnh, vào "
                "năm 1953.",
            ),
            (
                ("Đỉnh Everest cao bao nhiêu?", "8.849 mét"),
                ("Everest nằm trong dãy núi nào?", "dãy Himalaya"),
                ("Người leo núi mất vài tuần để làm quen với điều gì trước khi tìm cách lên đỉnh?", "không khí loãng"),
                ("Ai là những người leo núi đầu tiên được xác nhận đã lên tới đỉnh Everest?",
                 "Edmund Hillary và Tenzing Norgay"),
            ),
        ),
        zh=L(
            "珠穆朗玛峰",
            (
                "珠穆朗玛峰是地球上海拔最高的山峰。",
                "根据2020年公布的测量结果，其峰顶高8849米。",
                "这座山位于喜马拉雅山脉，地处尼泊尔和中国的边境上。",
                "登山者在尝试登顶之前，通常要花几个星期来适应稀薄的空气。",
                "埃德蒙·希拉里和丹增·诺尔盖是有确切记录的首批登顶者，时间是1953年。",
            ),
            (
                ("珠穆朗玛峰的峰顶有多高？", "8849米"),
                ("珠穆朗玛峰位于哪条山脉？", "喜马拉雅山脉"),
                ("登山者在尝试登顶之前通常要花几个星期适应什么？", "稀薄的空气"),
                ("谁是有确切记录的首批登上珠穆朗玛峰峰顶的登山者？", "埃德蒙·希拉里和丹增·诺尔盖"),
            ),
        ),
    ),
    para(
        "olympic-games", "train", (1, 2, 3, 4),
        en=L(
            "The Olympic Games",
            (
                "The ancient Olympic Games were held at Olympia, in Greece, from 776 BC onwards.",
                "The modern Olympic Games began in Athens in 1896.",
                "The idea of reviving the Games came from the Frenchman Pierre de Coubertin.",
                "The Olympic flag shows five interlocking rings on a white background.",
                "Since 1994, the Summer and Winter Games have been held two years apart.",
            ),
            (
                ("In which city did the modern Olympic Games begin?", "Athens"),
                ("Who had the idea of reviving the Olympic Games?", "Pierre de Coubertin"),
                ("What does the Olympic flag show on a white background?", "five interlocking rings"),
                ("Since which year have the Summer and Winter Games been held two years apart?", "1994"),
            ),
        ),
        ar=L(
            "الألعاب الأولمبية",
            (
                "أُقيمت الألعاب الأولمبية القديمة في أولمبيا باليونان بدءًا من عام 776 قبل الميلاد.",
                "بدأت الألعاب الأولمبية الحديثة في أثينا عام 1896.",
                "وجاءت فكرة إحياء الألعاب من الفرنسي بيير دي كوبرتان.",
                "يظهر على العلم الأولمبي خمس حلقات متشابكة على خلفية بيضاء.",
                "ومنذ عام 1994 تُقام الألعاب الصيفية والشتوية بفارق عامين بينهما.",
            ),
            (
                ("في أي مدينة بدأت الألعاب الأولمبية الحديثة؟", "أثينا"),
                ("ممن جاءت فكرة إحياء الألعاب الأولمبية؟", "بيير دي كوبرتان"),
                ("ماذا يظهر على العلم الأولمبي على خلفية بيضاء؟", "خمس حلقات متشابكة"),
                ("منذ أي عام تُقام الألعاب الصيفية والشتوية بفارق عامين؟", "1994"),
            ),
        ),
        de=L(
            "Die Olympischen Spiele",
            (
                "Die antiken Olympischen Spiele wurden ab 776 v. Chr. in Olympia in Griechenland ausgetragen.",
                "Die Olympischen Spiele der Neuzeit begannen 1896 in Athen.",
                "Die Idee, die Spiele wiederzubeleben, stammte von dem Franzosen Pierre de Coubertin.",
                "Die olympische Flagge zeigt fünf ineinander verschlungene Ringe auf weißem Grund.",
                "Seit 1994 finden die Sommer- und die Winterspiele im Abstand von zwei Jahren statt.",
            ),
            (
                ("In welcher Stadt begannen die Olympischen Spiele der Neuzeit?", "Athen"),
                ("Von wem stammte die Idee, die Olympischen Spiele wiederzubeleben?", "Pierre de Coubertin"),
                ("Was zeigt die olympische Flagge auf weißem Grund?", "fünf ineinander verschlungene Ringe"),
                ("Seit welchem Jahr finden Sommer- und Winterspiele im Abstand von zwei Jahren statt?", "1994"),
            ),
        ),
        el=L(
            "Οι Ολυμπιακοί Αγώνες",
            (
                "Οι αρχαίοι Ολυμπιακοί Αγώνες διεξάγονταν στην Ολυμπία, στην Ελλάδα, από το 776 π.Χ. και μετά.",
                "Οι σύγχρονοι Ολυμπιακοί Αγώνες ξεκίνησαν στην Αθήνα το 1896.",
                "Η ιδέα της αναβίωσης των Αγώνων ανήκε στον Γάλλο Πιερ ντε Κουμπερτέν.",
                "Η ολυμπιακή σημαία απεικονίζει πέντε αλληλένδετους κύκλους σε λευκό φόντο.",
                "Από το 1994 οι Θερινοί και οι Χειμερινοί Αγώνες διεξάγονται με διαφορά δύο ετών.",
            ),
            (
                ("Σε ποια πόλη ξεκίνησαν οι σύγχρονοι Ολυμπιακοί Αγώνες;", "στην Αθήνα"),
                ("Σε ποιον ανήκε η ιδέα της αναβίωσης των Ολυμπιακών Αγώνων;", "Πιερ ντε Κουμπερτέν"),
                ("Τι απεικονίζει η ολυμπιακή σημαία σε λευκό φόντο;", "πέντε αλληλένδετους κύκλους"),
                ("Από ποια χρονιά οι Θερινοί και οι Χειμερινοί Αγώνες διεξάγονται με διαφορά δύο ετών;", "1994"),
            ),
        ),
        es=L(
            "Los Juegos Olímpicos",
            (
                "Los antiguos Juegos Olímpicos se celebraban en Olimpia, en Grecia, desde el año 776 a. C.",
                "Los Juegos Olímpicos modernos comenzaron en Atenas en 1896.",
                "La idea de recuperar los Juegos fue del francés Pierre de Coubertin.",
                "La bandera olímpica muestra cinco anillos entrelazados sobre un fondo blanco.",
                "Desde 1994, los Juegos de Verano y los de Invierno se celebran con dos años de diferencia.",
            ),
            (
                ("¿En qué ciudad comenzaron los Juegos Olímpicos modernos?", "Atenas"),
                ("¿De quién fue la idea de recuperar los Juegos Olímpicos?", "Pierre de Coubertin"),
                ("¿Qué muestra la bandera olímpica sobre un fondo blanco?", "cinco anillos entrelazados"),
                ("¿Desde qué año se celebran los Juegos de Verano y los de Invierno con dos años de diferencia?",
                 "1994"),
            ),
        ),
        hi=L(
            "ओलंपिक खेल",
            (
                "प्राचीन ओलंपिक खेल 776 ईसा पूर्व से यूनान के ओलंपिया में आयोजित होते थे।",
                "आधुनिक ओलंपिक खेलों की शुरुआत 1896 में एथेंस में हुई।",
                "खेलों को फिर से शुरू करने का विचार फ़्रांसीसी पियरे द कुबर्तिन का था।",
                "ओलंपिक ध्वज पर सफ़ेद पृष्ठभूमि में आपस में जुड़े पाँच छल्ले बने होते हैं।",
                "1994 से ग्रीष्मकालीन और शीतकालीन खेल दो साल के अंतर पर आयोजित किए जाते हैं।",
            ),
            (
                ("आधुनिक ओलंपिक खेलों की शुरुआत किस शहर में हुई?", "एथेंस"),
                ("ओलंपिक खेलों को फिर से शुरू करने का विचार किसका था?", "पियरे द कुबर्तिन"),
                ("ओलंपिक ध्वज पर सफ़ेद पृष्ठभूमि में क्या बना होता है?", "आपस में जुड़े पाँच छल्ले"),
                ("ग्रीष्मकालीन और शीतकालीन खेल किस वर्ष से दो साल के अंतर पर आयोजित किए जाते हैं?", "1994"),
            ),
        ),
        ru=L(
            "Олимпийские игры",
            (
                "Древние Олимпийские игры проводились в Олимпии, в Греции, начиная с 776 года до н. э.",
                "Современные Олимпийские игры начались в Афинах в 1896 году.",
                "Идея возродить Игры принадлежала французу Пьеру де Кубертену.",
                "На олимпийском флаге изображены пять переплетённых колец на белом фоне.",
                "С 1994 года летние и зимние Игры проводятся с разницей в два года.",
            ),
            (
                ("В каком городе начались современные Олимпийские игры?", "в Афинах"),
                ("Кому принадлежала идея возродить Олимпийские игры?", "Пьеру де Кубертену"),
                ("Что изображено на олимпийском флаге на белом фоне?", "пять переплетённых колец"),
                ("С какого года летние и зимние Игры проводятся с разницей в два года?", "1994"),
            ),
        ),
        th=L(
            "กีฬาโอลิมปิก",
            (
                "กีฬาโอลิมปิกโบราณจัดขึ้นที่เมืองโอลิมเปียในประเทศกรีซ ตั้งแต่ 776 ปีก่อนคริสตกาลเป็นต้นมา",
                "กีฬาโอลิมปิกสมัยใหม่เริ่มต้นขึ้นที่กรุงเอเธนส์ในปี ค.ศ. 1896",
                "แนวคิดในการฟื้นฟูการแข่งขันนี้มาจากปีแยร์ เดอ กูแบร์แต็ง ชาวฝรั่งเศส",
                "ธงโอลิมปิกมีรูปห่วงห้าวงคล้องกันอยู่บนพื้นสีขาว",
                "ตั้งแต่ปี ค.ศ. 1994 เป็นต้นมา โอลิมปิกฤดูร้อนและโอลิมปิกฤดูหนาวจัดขึ้นห่างกันสองปี",
            ),
            (
                ("กีฬาโอลิมปิกสมัยใหม่เริ่มต้นขึ้นที่เมืองใด", "เอเธนส์"),
                ("ใครเป็นผู้ริเริ่มแนวคิดในการฟื้นฟูกีฬาโอลิมปิก", "ปีแยร์ เดอ กูแบร์แต็ง"),
                ("ธงโอลิมปิกมีรูปอะไรอยู่บนพื้นสีขาว", "ห่วงห้าวงคล้องกัน"),
                ("โอลิมปิกฤดูร้อนและโอลิมปิกฤดูหนาวจัดขึ้นห่างกันสองปีตั้งแต่ปีใด", "1994"),
            ),
        ),
        tr=L(
            "Olimpiyat Oyunları",
            (
                "Antik Olimpiyat Oyunları, MÖ 776'dan itibaren Yunanistan'daki Olympia'da düzenlendi.",
                "Modern Olimpiyat Oyunları 1896'da Atina'da başladı.",
                "Oyunları yeniden canlandırma fikri Fransız Pierre de Coubertin'e aitti.",
                "Olimpiyat bayrağında beyaz bir zemin üzerinde iç içe geçmiş beş halka yer alır.",
                "1994'ten bu yana Yaz ve Kış Oyunları iki yıl arayla düzenlenmektedir.",
            ),
            (
                ("Modern Olimpiyat Oyunları hangi şehirde başladı?", "Atina"),
                ("Olimpiyat Oyunlarını yeniden canlandırma fikri kime aitti?", "Pierre de Coubertin"),
                ("Olimpiyat bayrağında beyaz bir zemin üzerinde ne yer alır?", "iç içe geçmiş beş halka"),
                ("Yaz ve Kış Oyunları hangi yıldan bu yana iki yıl arayla düzenlenmektedir?", "1994"),
            ),
        ),
        vi=L(
            "Thế vận hội Olympic",
            (
                "Thế vận hội cổ đại được tổ chức tại Olympia, Hy Lạp, từ năm 776 trước Công nguyên.",
                "Thế vận hội hiện đại bắt đầu tại Athens vào năm 1896.",
                "Ý tưởng khôi phục Thế vận hội là của người Pháp Pierre de Coubertin.",
                "Lá cờ Olympic có hình năm vòng tròn lồng vào nhau trên nền trắng.",
                "Từ năm 1994, Thế vận hội Mùa hè và Thế vận hội Mùa đông được tổ chức cách nhau hai năm.",
            ),
            (
                ("Thế vận hội hiện đại bắt đầu tại thành phố nào?", "Athens"),
                ("Ý tưởng khôi phục Thế vận hội là của ai?", "Pierre de Coubertin"),
                ("Lá cờ Olympic có hình gì trên nền trắng?", "năm vòng tròn lồng vào nhau"),
                ("Từ năm nào Thế vận hội Mùa hè và Mùa đông được tổ chức cách nhau hai năm?", "1994"),
            ),
        ),
        zh=L(
            "奥林匹克运动会",
            (
                "古代奥运会从公元前776年起在希腊的奥林匹亚举行。",
                "现代奥运会于1896年在雅典开始举办。",
                "复兴奥运会的想法来自法国人皮埃尔·德·顾拜旦。",
                "奥林匹克旗帜在白色背景上绘有五个相互套连的圆环。",
                "自1994年起，夏季奥运会和冬季奥运会相隔两年举行。",
            ),
            (
                ("现代奥运会在哪座城市开始举办？", "雅典"),
                ("复兴奥运会的想法来自谁？", "皮埃尔·德·顾拜旦"),
                ("奥林匹克旗帜的白色背景上绘有什么？", "五个相互套连的圆环"),
                ("夏季奥运会和冬季奥运会从哪一年起相隔两年举行？", "1994年"),
            ),
        ),
    ),
    para(
        "piano", "train", (0, 1, 2, 3),
        en=L(
            "The piano",
            (
                "The piano was invented in Italy around 1700 by Bartolomeo Cristofori.",
                "Its original name, pianoforte, means “soft-loud”, because players can change the volume by how hard "
                "they press the keys.",
                "A standard modern piano has 88 keys.",
                "When a key is pressed, a felt-covered hammer strikes the strings inside the instrument.",
                "Composers such as Mozart, Beethoven and Chopin wrote many famous works for the piano.",
            ),
            (
                ("Who invented the piano?", "Bartolomeo Cristofori"),
                ("What does the word pianoforte mean?", "soft-loud"),
                ("How many keys does a standard modern piano have?", "88"),
                ("What strikes the strings when a piano key is pressed?", "a felt-covered hammer"),
            ),
        ),
        ar=L(
            "البيانو",
            (
                "اخترع بارتولوميو كريستوفوري البيانو في إيطاليا نحو عام 1700.",
                "واسمه الأصلي «بيانوفورتي» يعني «خافت-قوي»، لأن العازف يستطيع تغيير شدة الصوت بحسب قوة ضغطه على "
                "المفاتيح.",
                "يحتوي البيانو الحديث القياسي على 88 مفتاحًا.",
                "عند الضغط على مفتاح، تضرب مطرقة مغطاة باللباد الأوتار داخل الآلة.",
                "كتب مؤلفون موسيقيون مثل موتسارت وبيتهوفن وشوبان أعمالًا شهيرة كثيرة للبيانو.",
            ),
            (
                ("من اخترع البيانو؟", "بارتولوميو كريستوفوري"),
                ("ما معنى كلمة بيانوفورتي؟", "خافت-قوي"),
                ("كم مفتاحًا يحتوي البيانو الحديث القياسي؟", "88"),
                ("ما الذي يضرب الأوتار عند الضغط على مفتاح البيانو؟", "مطرقة مغطاة باللباد"),
            ),
        ),
        de=L(
            "Das Klavier",
            (
                "Das Klavier wurde um 1700 in Italien von Bartolomeo Cristofori erfunden.",
                "Sein ursprünglicher Name, Pianoforte, bedeutet „leise-laut“, weil man die Lautstärke dadurch "
                "verändern kann, wie stark man die Tasten anschlägt.",
                "Ein modernes Standardklavier hat 88 Tasten.",
                "Wenn eine Taste gedrückt wird, schlägt ein mit Filz überzogener Hammer gegen die Saiten im Inneren "
                "des Instruments.",
                "Komponisten wie Mozart, Beethoven und Chopin schrieben viele berühmte Werke für das Klavier.",
            ),
            (
                ("Wer hat das Klavier erfunden?", "Bartolomeo Cristofori"),
                ("Was bedeutet das Wort Pianoforte?", "leise-laut"),
                ("Wie viele Tasten hat ein modernes Standardklavier?", "88"),
                ("Was schlägt gegen die Saiten, wenn eine Klaviertaste gedrückt wird?",
                 "ein mit Filz überzogener Hammer"),
            ),
        ),
        el=L(
            "Το πιάνο",
            (
                "Το πιάνο εφευρέθηκε στην Ιταλία γύρω στο 1700 από τον Μπαρτολομέο Κριστοφόρι.",
                "Το αρχικό του όνομα, πιανοφόρτε, σημαίνει «σιγανό-δυνατό», επειδή ο εκτελεστής μπορεί να αλλάζει την "
                "ένταση ανάλογα με το πόσο δυνατά πατά τα πλήκτρα.",
                "Ένα σύγχρονο κανονικό πιάνο έχει 88 πλήκτρα.",
                "Όταν πατιέται ένα πλήκτρο, ένα σφυράκι επενδυμένο με τσόχα χτυπά τις χορδές μέσα στο όργανο.",
                "Συνθέτες όπως ο Μότσαρτ, ο Μπετόβεν και ο Σοπέν έγραψαν πολλά διάσημα έργα για πιάνο.",
            ),
            (
                ("Ποιος εφηύρε το πιάνο;", "Μπαρτολομέο Κριστοφόρι"),
                ("Τι σημαίνει η λέξη πιανοφόρτε;", "σιγανό-δυνατό"),
                ("Πόσα πλήκτρα έχει ένα σύγχρονο κανονικό πιάνο;", "88"),
                ("Τι χτυπά τις χορδές όταν πατιέται ένα πλήκτρο του πιάνου;", "ένα σφυράκι επενδυμένο με τσόχα"),
            ),
        ),
        es=L(
            "El piano",
            (
                "El piano fue inventado en Italia hacia 1700 por Bartolomeo Cristofori.",
                "Su nombre original, pianoforte, significa «suave-fuerte», porque el intérprete puede cambiar el "
                "volumen según la fuerza con que pulse las teclas.",
                "Un piano moderno estándar tiene 88 teclas.",
                "Al pulsar una tecla, un martillo forrado de fieltro golpea las cuerdas dentro del instrumento.",
                "Compositores como Mozart, Beethoven y Chopin escribieron muchas obras famosas para piano.",
            ),
            (
                ("¿Quién inventó el piano?", "Bartolomeo Cristofori"),
                ("¿Qué significa la palabra pianoforte?", "suave-fuerte"),
                ("¿Cuántas teclas tiene un piano moderno estándar?", "88"),
                ("¿Qué golpea las cuerdas al pulsar una tecla del piano?", "un martillo forrado de fieltro"),
            ),
        ),
        hi=L(
            "पियानो",
            (
                "पियानो का आविष्कार लगभग 1700 में इटली में बार्तोलोमेओ क्रिस्तोफ़ोरी ने किया था।",
                "इसके मूल नाम पियानोफ़ोर्टे का अर्थ है “धीमा-तेज़”, क्योंकि बजाने वाला कुंजियों को धीरे या ज़ोर से "
                "दबाकर आवाज़ कम या ज़्यादा कर सकता है।",
                "एक सामान्य आधुनिक पियानो में 88 कुंजियाँ होती हैं।",
                "जब कोई कुंजी दबाई जाती है, तो फ़ेल्ट से ढका एक हथौड़ा वाद्य के अंदर के तारों पर चोट करता है।",
                "मोत्सार्ट, बीथोवन और शोपां जैसे संगीतकारों ने पियानो के लिए कई प्रसिद्ध रचनाएँ लिखीं।",
            ),
            (
                ("पियानो का आविष्कार किसने किया?", "बार्तोलोमेओ क्रिस्तोफ़ोरी"),
                ("पियानोफ़ोर्टे शब्द का अर्थ क्या है?", "धीमा-तेज़"),
                ("एक सामान्य आधुनिक पियानो में कितनी कुंजियाँ होती हैं?", "88"),
                ("पियानो की कुंजी दबाने पर तारों पर क्या चोट करता है?", "फ़ेल्ट से ढका एक हथौड़ा"),
            ),
        ),
        ru=L(
            "Фортепиано",
            (
                "Фортепиано было изобретено в Италии около 1700 года Бартоломео Кристофори.",
                "Его первоначальное название, пианофорте, означает «тихо-громко», потому что исполнитель может менять "
                "громкость, нажимая на клавиши сильнее или слабее.",
                "Стандартное современное фортепиано имеет 88 клавиш.",
                "При нажатии клавиши обтянутый фетром молоточек ударяет по струнам внутри инструмента.",
                "Такие композиторы, как Моцарт, Бетховен и Шопен, написали для фортепиано множество знаменитых "
                "произведений.",
            ),
            (
                ("Кто изобрёл фортепиано?", "Бартоломео Кристофори"),
                ("Что означает слово «пианофорте»?", "тихо-громко"),
                ("Сколько клавиш у стандартного современного фортепиано?", "88"),
                ("Что ударяет по струнам при нажатии клавиши фортепиано?", "обтянутый фетром молоточек"),
            ),
        ),
        th=L(
            "เปียโน",
            (
                "เปียโนถูกประดิษฐ์ขึ้นในอิตาลีเมื่อราวปี ค.ศ. 1700 โดยบาร์โตโลเมโอ คริสโตโฟรี",
                "ชื่อดั้งเดิมของเปียโนคือ เปียโนฟอร์เต ซึ่งแปลว่า “เบา-ดัง” เพราะผู้เล่นสามารถปรับความดังได้ตามแรงที่กดคีย์",
                "เปียโนสมัยใหม่มาตรฐานมี 88 คีย์",
                "เมื่อกดคีย์ ค้อนที่หุ้มด้วยสักหลาดจะตีสายที่อยู่ภายในเครื่องดนตรี",
                "คีตกวีอย่างโมซาร์ท เบทโฮเฟน และโชแปง ได้ประพันธ์ผลงานชื่อดังสำหรับเปียโนไว้มากมาย",
            ),
            (
                ("ใครเป็นผู้ประดิษฐ์เปียโน", "บาร์โตโลเมโอ คริสโตโฟรี"),
                ("คำว่าเปียโนฟอร์เตแปลว่าอะไร", "เบา-ดัง"),
                ("เปียโนสมัยใหม่มาตรฐานมีกี่คีย์", "88"),
                ("เมื่อกดคีย์เปียโน อะไรจะตีสาย", "ค้อนที่หุ้มด้วยสักหลาด"),
            ),
        ),
        tr=L(
            "Piyano",
            (
                "Piyano, 1700 civarında İtalya'da Bartolomeo Cristofori tarafından icat edildi.",
                "Asıl adı olan pianoforte “yumuşak-güçlü” anlamına gelir, çünkü çalan kişi tuşlara ne kadar sert "
                "bastığına göre sesin şiddetini değiştirebilir.",
                "Standart bir modern piyanonun 88 tuşu vardır.",
                "Bir tuşa basıldığında keçe kaplı bir çekiç, çalgının içindeki tellere vurur.",
                "Mozart, Beethoven ve Chopin gibi besteciler piyano için pek çok ünlü eser yazdı.",
            ),
            (
                ("Piyanoyu kim icat etti?", "Bartolomeo Cristofori"),
                ("Pianoforte kelimesi ne anlama gelir?", "yumuşak-güçlü"),
                ("Standart bir modern piyanonun kaç tuşu vardır?", "88"),
                ("Piyanoda bir tuşa basıldığında tellere ne vurur?", "keçe kaplı bir çekiç"),
            ),
        ),
        vi=L(
            "Đàn piano",
            (
                "Đàn piano được Bartolomeo Cristofori phát minh ở Ý vào khoảng năm 1700.",
                "Tên gốc của nó là pianoforte, có nghĩa là “nhỏ-to”, vì người chơi có thể thay đổi âm lượng tùy theo "
                "lực nhấn phím.",
                "Một cây đàn piano hiện đại tiêu chuẩn có 88 phím.",
                "Khi một phím được nhấn, một chiếc búa bọc nỉ sẽ gõ vào các dây đàn bên trong nhạc cụ.",
                "Những nhà soạn nhạc như Mozart, Beethoven và Chopin đã viết nhiều tác phẩm nổi tiếng cho piano.",
            ),
            (
                ("Ai đã phát minh ra đàn piano?", "Bartolomeo Cristofori"),
                ("Từ pianoforte có nghĩa là gì?", "nhỏ-to"),
                ("Một cây đàn piano hiện đại tiêu chuẩn có bao nhiêu phím?", "88"),
                ("Khi nhấn phím đàn piano, cái gì gõ vào các dây đàn?", "một chiếc búa bọc nỉ"),
            ),
        ),
        zh=L(
            "钢琴",
            (
                "钢琴是由巴尔托洛梅奥·克里斯托福里于1700年左右在意大利发明的。",
                "它最初的名称“pianoforte”意为“弱-强”，因为演奏者可以通过按键的力度来改变音量。",
                "一架标准的现代钢琴有88个琴键。",
                "按下琴键时，一个包着毛毡的琴槌会敲击乐器内部的琴弦。",
                "莫扎特、贝多芬和肖邦等作曲家为钢琴创作了许多著名作品。",
            ),
            (
                ("钢琴是谁发明的？", "巴尔托洛梅奥·克里斯托福里"),
                ("“pianoforte”这个词是什么意思？", "弱-强"),
                ("一架标准的现代钢琴有多少个琴键？", "88个"),
                ("按下钢琴琴键时，什么会敲击琴弦？", "包着毛毡的琴槌"),
            ),
        ),
    ),
    para(
        "volcanoes", "train", (1, 2, 3, 4),
        en=L(
            "Volcanoes",
            (
                "A volcano is an opening in the Earth's crust through which molten rock escapes.",
                "Molten rock below the surface is called magma, and once it reaches the surface it is called lava.",
                "Many volcanoes lie around the edges of the Pacific Ocean, in a zone known as the Ring of Fire.",
                "Volcanic ash can spread over large distances and disrupt air travel.",
                "Volcanic soil is often very fertile, so many farmers live near volcanoes.",
            ),
            (
                ("What is molten rock called once it reaches the surface?", "lava"),
                ("What is the zone of volcanoes around the Pacific Ocean called?", "the Ring of Fire"),
                ("What can volcanic ash disrupt?", "air travel"),
                ("Why do many farmers live near volcanoes?", "Volcanic soil is often very fertile"),
            ),
        ),
        ar=L(
            "البراكين",
            (
                "البركان فتحة في القشرة الأرضية تخرج منها الصخور المنصهرة.",
                "تُسمى الصخور المنصهرة تحت السطح الماغما، وعندما تصل إلى السطح تُسمى الحمم البركانية.",
                "تقع براكين كثيرة على أطراف المحيط الهادئ، في منطقة تُعرف باسم حلقة النار.",
                "يمكن أن ينتشر الرماد البركاني لمسافات بعيدة ويعطل حركة الطيران.",
                "غالبًا ما تكون التربة البركانية خصبة جدًا، لذلك يعيش كثير من المزارعين قرب البراكين.",
            ),
            (
                ("ماذا تُسمى الصخور المنصهرة عندما تصل إلى السطح؟", "الحمم البركانية"),
                ("ما اسم منطقة البراكين المحيطة بالمحيط الهادئ؟", "حلقة النار"),
                ("ماذا يمكن أن يعطل الرماد البركاني؟", "حركة الطيران"),
                ("لماذا يعيش كثير من المزارعين قرب البراكين؟", "التربة البركانية خصبة جدًا"),
            ),
        ),
        de=L(
            "Vulkane",
            (
                "Ein Vulkan ist eine Öffnung in der Erdkruste, durch die geschmolzenes Gestein austritt.",
                "Geschmolzenes Gestein unter der Oberfläche heißt Magma, und sobald es die Oberfläche erreicht, nennt "
                "man es Lava.",
                "Viele Vulkane liegen rund um den Pazifischen Ozean, in einer Zone, die als Pazifischer Feuerring "
                "bekannt ist.",
                "Vulkanasche kann sich über große Entfernungen ausbreiten und den Luftverkehr stören.",
                "Vulkanische Böden sind oft sehr fruchtbar, deshalb leben viele Bauern in der Nähe von Vulkanen.",
            ),
            (
                ("Wie nennt man geschmolzenes Gestein, sobald es die Oberfläche erreicht?", "Lava"),
                ("Wie heißt die Zone der Vulkane rund um den Pazifischen Ozean?", "Pazifischer Feuerring"),
                ("Was kann Vulkanasche stören?", "den Luftverkehr"),
                ("Warum leben viele Bauern in der Nähe von Vulkanen?", "Vulkanische Böden sind oft sehr fruchtbar"),
            ),
        ),
        el=L(
            "Ηφαίστεια",
            (
                "Ένα ηφαίστειο είναι ένα άνοιγμα στον φλοιό της Γης από το οποίο βγαίνουν λιωμένα πετρώματα.",
                "Τα λιωμένα πετρώματα κάτω από την επιφάνεια ονομάζονται μάγμα, και όταν φτάσουν στην επιφάνεια "
                "ονομάζονται λάβα.",
                "Πολλά ηφαίστεια βρίσκονται γύρω από τις άκρες του Ειρηνικού Ωκεανού, σε μια ζώνη γνωστή ως Δακτύλιος "
                "της Φωτιάς.",
                "Η ηφαιστειακή τέφρα μπορεί να εξαπλωθεί σε μεγάλες αποστάσεις και να διαταράξει τις αεροπορικές "
                "πτήσεις.",
                "Το ηφαιστειακό έδαφος είναι συχνά πολύ γόνιμο, γι' αυτό πολλοί αγρότες ζουν κοντά σε ηφαίστεια.",
            ),
            (
                ("Πώς ονομάζονται τα λιωμένα πετρώματα όταν φτάσουν στην επιφάνεια;", "λάβα"),
                ("Πώς ονομάζεται η ζώνη ηφαιστείων γύρω από τον Ειρηνικό Ωκεανό;", "Δακτύλιος της Φωτιάς"),
                ("Τι μπορεί να διαταράξει η ηφαιστειακή τέφρα;", "τις αεροπορικές πτήσεις"),
                ("Γιατί πολλοί αγρότες ζουν κοντά σε ηφαίστεια;", "Το ηφαιστειακό έδαφος είναι συχνά πολύ γόνιμο"),
            ),
        ),
        es=L(
            "Los volcanes",
            (
                "Un volcán es una abertura en la corteza terrestre por la que sale roca fundida.",
                "La roca fundida bajo la superficie se llama magma, y cuando llega a la superficie se llama lava.",
                "Muchos volcanes se encuentran en los bordes del océano Pacífico, en una zona conocida como el "
                "Cinturón de Fuego.",
                "La ceniza volcánica puede extenderse a grandes distancias y alterar el tráfico aéreo.",
                "Los suelos volcánicos suelen ser muy fértiles, por eso muchos agricultores viven cerca de los "
                "volcanes.",
            ),
            (
                ("¿Cómo se llama la roca fundida cuando llega a la superficie?", "lava"),
                ("¿Cómo se llama la zona de volcanes que rodea el océano Pacífico?", "el Cinturón de Fuego"),
                ("¿Qué puede alterar la ceniza volcánica?", "el tráfico aéreo"),
                ("¿Por qué muchos agricultores viven cerca de los volcanes?",
                 "Los suelos volcánicos suelen ser muy fértiles"),
            ),
        ),
        hi=L(
            "ज्वालामुखी",
            (
                "ज्वालामुखी पृथ्वी की पपड़ी में एक ऐसा छिद्र है जिससे पिघली हुई चट्टान बाहर निकलती है।",
                "सतह के नीचे पिघली हुई चट्टान को मैग्मा कहते हैं, और सतह पर पहुँचने के बाद उसे लावा कहा जाता है।",
                "कई ज्वालामुखी प्रशांत महासागर के किनारों के आसपास एक ऐसे क्षेत्र में हैं, जिसे अग्नि वलय कहा जाता है।",
                "ज्वालामुखी की राख बहुत दूर तक फैल सकती है और हवाई यात्रा में बाधा डाल सकती है।",
                "ज्वालामुखी मिट्टी अक्सर बहुत उपजाऊ होती है, इसलिए कई किसान ज्वालामुखियों के पास रहते हैं।",
            ),
            (
                ("पिघली हुई चट्टान सतह पर पहुँचने के बाद क्या कहलाती है?", "लावा"),
                ("प्रशांत महासागर के आसपास ज्वालामुखियों वाले क्षेत्र को क्या कहा जाता है?", "अग्नि वलय"),
                ("ज्वालामुखी की राख किसमें बाधा डाल सकती है?", "हवाई यात्रा"),
                ("कई किसान ज्वालामुखियों के पास क्यों रहते हैं?", "ज्वालामुखी मिट्टी अक्सर बहुत उपजाऊ होती है"),
            ),
        ),
        ru=L(
            "Вулканы",
            (
                "Вулкан — это отверстие в земной коре, через которое наружу выходит расплавленная горная порода.",
                "Расплавленная порода под поверхностью называется магмой, а когда она выходит на поверхность, её "
                "называют лавой.",
                "Многие вулканы расположены по краям Тихого океана, в зоне, известной как Тихоокеанское огненное "
                "кольцо.",
                "Вулканический пепел может распространяться на большие расстояния и нарушать авиасообщение.",
                "Вулканические почвы часто очень плодородны, поэтому многие фермеры живут рядом с вулканами.",
            ),
            (
                ("Как называют расплавленную породу, когда она выходит на поверхность?", "лавой"),
                ("Как называется зона вулканов вокруг Тихого океана?", "Тихоокеанское огненное кольцо"),
                ("Что может нарушать вулканический пепел?", "авиасообщение"),
                ("Почему многие фермеры живут рядом с вулканами?", "Вулканические почвы часто очень плодородны"),
            ),
        ),
        th=L(
            "ภูเขาไฟ",
            (
                "ภูเขาไฟคือช่องเปิดบนเปลือกโลกที่หินหลอมเหลวพุ่งออกมา",
                "หินหลอมเหลวที่อยู่ใต้พื้นผิวเรียกว่าแมกมา และเมื่อขึ้นมาถึงพื้นผิวแล้วจะเรียกว่าลาวา",
                "ภูเขาไฟจำนวนมากตั้งอยู่รอบขอบมหาสมุทรแปซิฟิก ในเขตที่รู้จักกันในชื่อวงแหวนแห่งไฟ",
                "เถ้าภูเขาไฟสามารถแพร่กระจายไปได้ไกลมากและขัดขวางการเดินทางทางอากาศ",
                "ดินภูเขาไฟมักอุดมสมบูรณ์มาก เกษตรกรจำนวนมากจึงอาศัยอยู่ใกล้ภูเขาไฟ",
            ),
            (
                ("หินหลอมเหลวที่ขึ้นมาถึงพื้นผิวแล้วเรียกว่าอะไร", "ลาวา"),
                ("เขตภูเขาไฟรอบมหาสมุทรแปซิฟิกเรียกว่าอะไร", "วงแหวนแห่งไฟ"),
                ("เถ้าภูเขาไฟสามารถขัดขวางอะไรได้", "การเดินทางทางอากาศ"),
                ("ทำไมเกษตรกรจำนวนมากจึงอาศัยอยู่ใกล้ภูเขาไฟ", "ดินภูเขาไฟมักอุดมสมบูรณ์มาก"),
            ),
        ),
        tr=L(
            "Yanardağlar",
            (
                "Yanardağ, erimiş kayaların dışarı çıktığı, yer kabuğundaki bir açıklıktır.",
                "Yüzeyin altındaki erimiş kayaya magma denir; yüzeye ulaştığında ise lav adını alır.",
                "Pek çok yanardağ, Pasifik Okyanusu'nun kıyıları boyunca, Ateş Çemberi olarak bilinen bir kuşakta yer "
                "alır.",
                "Volkanik kül çok uzak mesafelere yayılabilir ve hava yolculuğunu aksatabilir.",
                "Volkanik topraklar genellikle çok verimlidir, bu yüzden birçok çiftçi yanardağların yakınında yaşar.",
            ),
            (
                ("Erimiş kaya yüzeye ulaştığında hangi adı alır?", "lav"),
                ("Pasifik Okyanusu çevresindeki yanardağ kuşağına ne ad verilir?", "Ateş Çemberi"),
                ("Volkanik kül neyi aksatabilir?", "hava yolculuğunu"),
                ("Birçok çiftçi neden yanardağların yakınında yaşar?", "Volkanik topraklar genellikle çok verimlidir"),
            ),
        ),
        vi=L(
            "Núi lửa",
            (
                "Núi lửa là một lỗ mở trên vỏ Trái Đất, nơi đá nóng chảy thoát ra ngoài.",
                "Đá nóng chảy bên dưới bề mặt được gọi là magma, còn khi đã lên tới bề mặt thì được gọi là dung nham.",
                "Nhiều núi lửa nằm quanh rìa Thái Bình Dương, trong một khu vực được gọi là Vành đai Lửa.",
                "Tro núi lửa có thể lan ra rất xa và làm gián đoạn việc đi lại bằng đường hàng không.",
                "Đất núi lửa thường rất màu mỡ, vì vậy nhiều nông dân sống gần núi lửa.",
            ),
            (
                ("Đá nóng chảy khi đã lên tới bề mặt được gọi là gì?", "dung nham"),
                ("Khu vực núi lửa quanh Thái Bình Dương được gọi là gì?", "Vành đai Lửa"),
                ("Tro núi lửa có thể làm gián đoạn điều gì?", "việc đi lại bằng đường hàng không"),
                ("Vì sao nhiều nông dân sống gần núi lửa?", "Đất núi lửa thường rất màu mỡ"),
            ),
        ),
        zh=L(
            "火山",
            (
                "火山是地壳上的一个开口，熔融的岩石从这里喷出。",
                "地表以下的熔融岩石叫做岩浆，而一旦到达地表，就被称为熔岩。",
                "许多火山分布在太平洋沿岸，这一地带被称为“环太平洋火山带”。",
                "火山灰可以扩散到很远的地方，并扰乱航空运输。",
                "火山土壤往往非常肥沃，因此许多农民住在火山附近。",
            ),
            (
                ("熔融岩石到达地表后被称为什么？", "熔岩"),
                ("太平洋沿岸的火山地带被称为什么？", "环太平洋火山带"),
                ("火山灰会扰乱什么？", "航空运输"),
                ("为什么许多农民住在火山附近？", "火山土壤往往非常肥沃"),
            ),
        ),
    ),
    para(
        "bread", "train", (1, 2, 3, 4),
        en=L(
            "Bread",
            (
                "Bread is one of the oldest prepared foods, and people were already baking it thousands of years ago.",
                "Its basic ingredients are flour, water and salt.",
                "Yeast makes the dough rise by producing carbon dioxide gas.",
                "Flatbreads such as pita and tortillas are made with little or no yeast.",
                "In many cultures, sharing bread is a sign of hospitality.",
            ),
            (
                ("What are the basic ingredients of bread?", "flour, water and salt"),
                ("What gas does yeast produce to make dough rise?", "carbon dioxide"),
                ("Which two flatbreads are given as examples?", "pita and tortillas"),
                ("In many cultures, what is sharing bread a sign of?", "hospitality"),
            ),
        ),
        ar=L(
            "الخبز",
            (
                "الخبز من أقدم الأطعمة التي يعدها الإنسان، وقد كان الناس يخبزونه قبل آلاف السنين.",
                "مكوناته الأساسية هي الدقيق والماء والملح.",
                "تجعل الخميرة العجين ينتفخ عن طريق إنتاج غاز ثاني أكسيد الكربون.",
                "ويُصنع الخبز المسطح، مثل البيتا والتورتيا، بقليل من الخميرة أو من دونها.",
                "وفي ثقافات كثيرة، تُعد مشاركة الخبز علامة على كرم الضيافة.",
            ),
            (
                ("ما المكونات الأساسية للخبز؟", "الدقيق والماء والملح"),
                ("ما الغاز الذي تنتجه الخميرة ليجعل العجين ينتفخ؟", "ثاني أكسيد الكربون"),
                ("ما مثالا الخبز المسطح المذكوران؟", "البيتا والتورتيا"),
                ("علامةً على ماذا تُعد مشاركة الخبز في ثقافات كثيرة؟", "كرم الضيافة"),
            ),
        ),
        de=L(
            "Brot",
            (
                "Brot ist eines der ältesten zubereiteten Lebensmittel, und schon vor Tausenden von Jahren backten "
                "Menschen es.",
                "Seine Grundzutaten sind Mehl, Wasser und Salz.",
                "Hefe lässt den Teig aufgehen, indem sie Kohlendioxid bildet.",
                "Fladenbrote wie Pita und Tortillas werden mit wenig oder gar keiner Hefe hergestellt.",
                "In vielen Kulturen ist das Teilen von Brot ein Zeichen der Gastfreundschaft.",
            ),
            (
                ("Was sind die Grundzutaten von Brot?", "Mehl, Wasser und Salz"),
                ("Welches Gas bildet Hefe, damit der Teig aufgeht?", "Kohlendioxid"),
                ("Welche zwei Fladenbrote werden als Beispiele genannt?", "Pita und Tortillas"),
                ("Wofür ist das Teilen von Brot in vielen Kulturen ein Zeichen?", "Gastfreundschaft"),
            ),
        ),
        el=L(
            "Το ψωμί",
            (
                "Το ψωμί είναι από τις αρχαιότερες παρασκευασμένες τροφές, και οι άνθρωποι το έψηναν ήδη πριν από "
                "χιλιάδες χρόνια.",
                "Τα βασικά του συστατικά είναι το αλεύρι, το νερό και το αλάτι.",
                "Η μαγιά κάνει τη ζύμη να φουσκώνει παράγοντας διοξείδιο του άνθρακα.",
                "Τα επίπεδα ψωμιά, όπως η πίτα και οι τορτίγιες, φτιάχνονται με λίγη ή καθόλου μαγιά.",
                "Σε πολλούς πολιτισμούς, το να μοιράζεσαι το ψωμί είναι ένδειξη φιλοξενίας.",
            ),
            (
                ("Ποια είναι τα βασικά συστατικά του ψωμιού;", "το αλεύρι, το νερό και το αλάτι"),
                ("Ποιο αέριο παράγει η μαγιά ώστε να φουσκώσει η ζύμη;", "διοξείδιο του άνθρακα"),
                ("Ποια δύο επίπεδα ψωμιά αναφέρονται ως παραδείγματα;", "η πίτα και οι τορτίγιες"),
                ("Σε πολλούς πολιτισμούς, τι δείχνει το να μοιράζεσαι το ψωμί;", "ένδειξη φιλοξενίας"),
            ),
        ),
        es=L(
            "El pan",
            (
                "El pan es uno de los alimentos elaborados más antiguos, y ya se horneaba hace miles de años.",
                "Sus ingredientes básicos son la harina, el agua y la sal.",
                "La levadura hace que la masa suba al producir dióxido de carbono.",
                "Los panes planos, como la pita y las tortillas, se hacen con poca levadura o sin ella.",
                "En muchas culturas, compartir el pan es una señal de hospitalidad.",
            ),
            (
                ("¿Cuáles son los ingredientes básicos del pan?", "la harina, el agua y la sal"),
                ("¿Qué gas produce la levadura para que suba la masa?", "dióxido de carbono"),
                ("¿Qué dos panes planos se mencionan como ejemplos?", "la pita y las tortillas"),
                ("En muchas culturas, ¿de qué es señal compartir el pan?", "hospitalidad"),
            ),
        ),
        hi=L(
            "ब्रेड",
            (
                "ब्रेड सबसे पुराने पकाए जाने वाले खाद्य पदार्थों में से एक है, और लोग हज़ारों साल पहले से इसे "
                "सेंकते आ रहे हैं।",
                "इसकी बुनियादी सामग्री आटा, पानी और नमक हैं।",
                "ख़मीर कार्बन डाइऑक्साइड गैस बनाकर आटे को फुलाता है।",
                "पीटा और टॉर्टिया जैसी चपटी रोटियाँ बहुत कम ख़मीर से या बिना ख़मीर के बनाई जाती हैं।",
                "कई संस्कृतियों में ब्रेड बाँटना मेहमाननवाज़ी का प्रतीक है।",
            ),
            (
                ("ब्रेड की बुनियादी सामग्री क्या हैं?", "आटा, पानी और नमक"),
                ("आटे को फुलाने के लिए ख़मीर कौन-सी गैस बनाता है?", "कार्बन डाइऑक्साइड"),
                ("चपटी रोटियों के कौन-से दो उदाहरण दिए गए हैं?", "पीटा और टॉर्टिया"),
                ("कई संस्कृतियों में ब्रेड बाँटना किसका प्रतीक है?", "मेहमाननवाज़ी"),
            ),
        ),
        ru=L(
            "Хлеб",
            (
                "Хлеб — один из древнейших продуктов, приготовляемых человеком: его пекли уже тысячи лет назад.",
                "Его основные ингредиенты — мука, вода и соль.",
                "Дрожжи заставляют тесто подниматься, выделяя углекислый газ.",
                "Лепёшки, например пита и тортильи, готовят с небольшим количеством дрожжей или вовсе без них.",
                "Во многих культурах разделить с кем-то хлеб — знак гостеприимства.",
            ),
            (
                ("Каковы основные ингредиенты хлеба?", "мука, вода и соль"),
                ("Какой газ выделяют дрожжи, чтобы тесто поднималось?", "углекислый газ"),
                ("Какие два вида лепёшек приведены в качестве примера?", "пита и тортильи"),
                ("Что во многих культурах означает разделить с кем-то хлеб?", "знак гостеприимства"),
            ),
        ),
        th=L(
            "ขนมปัง",
            (
                "ขนมปังเป็นอาหารที่มนุษย์ปรุงขึ้นซึ่งเก่าแก่ที่สุดชนิดหนึ่ง และผู้คนอบขนมปังกันมาตั้งแต่เมื่อหลายพันปีก่อน",
                "ส่วนผสมพื้นฐานของขนมปังคือแป้ง น้ำ และเกลือ",
                "ยีสต์ทำให้แป้งโดขึ้นฟูด้วยการสร้างก๊าซคาร์บอนไดออกไซด์",
                "ขนมปังแผ่นแบนอย่างพิตาและตอร์ตียาทำโดยใช้ยีสต์เพียงเล็กน้อยหรือไม่ใช้เลย",
                "ในหลายวัฒนธรรม การแบ่งปันขนมปังเป็นสัญลักษณ์ของการต้อนรับขับสู้",
            ),
            (
                ("ส่วนผสมพื้นฐานของขนมปังคืออะไร", "แป้ง น้ำ และเกลือ"),
                ("ยีสต์สร้างก๊าซอะไรเพื่อทำให้แป้งโดขึ้นฟู", "คาร์บอนไดออกไซด์"),
                ("ตัวอย่างขนมปังแผ่นแบนสองชนิดที่กล่าวถึงคืออะไร", "พิตาและตอร์ตียา"),
                ("ในหลายวัฒนธรรม การแบ่งปันขนมปังเป็นสัญลักษณ์ของอะไร", "การต้อนรับขับสู้"),
            ),
        ),
        tr=L(
            "Ekmek",
            (
                "Ekmek, hazırlanan en eski yiyeceklerden biridir ve insanlar binlerce yıl önce de ekmek pişiriyordu.",
                "Temel malzemeleri un, su ve tuzdur.",
                "Maya, karbondioksit gazı üreterek hamurun kabarmasını sağlar.",
                "Pide ve tortilla gibi yassı ekmekler çok az maya ile ya da hiç maya kullanılmadan yapılır.",
                "Birçok kültürde ekmeği paylaşmak misafirperverliğin bir işaretidir.",
            ),
            (
                ("Ekmeğin temel malzemeleri nelerdir?", "un, su ve tuz"),
                ("Maya hamurun kabarması için hangi gazı üretir?", "karbondioksit"),
                ("Örnek olarak hangi iki yassı ekmek verilmiştir?", "Pide ve tortilla"),
                ("Birçok kültürde ekmeği paylaşmak neyin işaretidir?", "misafirperverliğin"),
            ),
        ),
        vi=L(
            "Bánh mì",
            (
                "Bánh mì là một trong những thực phẩm chế biến lâu đời nhất, và con người đã nướng bánh mì từ hàng "
                "nghìn năm trước.",
                "Nguyên liệu cơ bản của bánh mì là bột mì, nước và muối.",
                "Men nở làm bột nở lên nhờ tạo ra khí cacbon đioxit.",
                "Các loại bánh mì dẹt như pita và tortilla được làm với rất ít men hoặc không có men.",
                "Ở nhiều nền văn hóa, chia sẻ bánh mì là biểu hiện của lòng hiếu khách.",
            ),
            (
                ("Nguyên liệu cơ bản của bánh mì là gì?", "bột mì, nước và muối"),
                ("Men nở tạo ra khí gì để làm bột nở lên?", "cacbon đioxit"),
                ("Hai ví dụ về bánh mì dẹt được nêu là gì?", "pita và tortilla"),
                ("Ở nhiều nền văn hóa, chia sẻ bánh mì là biểu hiện của điều gì?", "lòng hiếu khách"),
            ),
        ),
        zh=L(
            "面包",
            (
                "面包是人类最古老的加工食品之一，早在几千年前人们就已经开始烤面包了。",
                "面包的基本原料是面粉、水和盐。",
                "酵母通过产生二氧化碳气体使面团发酵膨胀。",
                "皮塔饼和玉米饼等扁面包只用很少的酵母，甚至完全不用酵母。",
                "在许多文化中，分享面包是热情好客的表现。",
            ),
            (
                ("面包的基本原料是什么？", "面粉、水和盐"),
                ("酵母产生什么气体使面团膨胀？", "二氧化碳"),
                ("文中举了哪两种扁面包作为例子？", "皮塔饼和玉米饼"),
                ("在许多文化中，分享面包是什么的表现？", "热情好客"),
            ),
        ),
    ),
    para(
        "bicycle", "train", (0, 1, 3, 4),
        en=L(
            "The bicycle",
            (
                "The first two-wheeled riding machine was built by Karl Drais in Germany in 1817.",
                "It had no pedals, so riders pushed themselves along with their feet.",
                "Pedals, chains and air-filled tyres were added over the following decades.",
                "Today there are more than a billion bicycles in the world.",
                "Cycling is a cheap way to travel and produces no exhaust fumes.",
            ),
            (
                ("Who built the first two-wheeled riding machine?", "Karl Drais"),
                ("How did riders move the first riding machine forward?", "pushed themselves along with their feet"),
                ("How many bicycles are there in the world today?", "more than a billion"),
                ("What does cycling not produce?", "exhaust fumes"),
            ),
        ),
        ar=L(
            "الدراجة الهوائية",
            (
                "صنع كارل درايس أول آلة ركوب بعجلتين في ألمانيا عام 1817.",
                "لم تكن لها دواسات، لذلك كان راكبوها يدفعون أنفسهم إلى الأمام بأقدامهم.",
                "وأُضيفت الدواسات والسلاسل والإطارات المنفوخة بالهواء خلال العقود التالية.",
                "ويوجد اليوم في العالم أكثر من مليار دراجة هوائية.",
                "ركوب الدراجة وسيلة تنقل رخيصة لا تُنتج عوادم.",
            ),
            (
                ("من صنع أول آلة ركوب بعجلتين؟", "كارل درايس"),
                ("كيف كان الراكبون يحركون أول آلة ركوب بعجلتين؟", "يدفعون أنفسهم إلى الأمام بأقدامهم"),
                ("كم عدد الدراجات الهوائية في العالم اليوم؟", "أكثر من مليار"),
                ("ما الذي لا يُنتجه ركوب الدراجة؟", "عوادم"),
            ),
        ),
        de=L(
            "Das Fahrrad",
            (
                "Die erste zweirädrige Laufmaschine baute Karl Drais 1817 in Deutschland.",
                "Sie hatte keine Pedale, daher stießen sich die Fahrer mit den Füßen vom Boden ab.",
                "Pedale, Ketten und luftgefüllte Reifen kamen in den folgenden Jahrzehnten hinzu.",
                "Heute gibt es auf der Welt mehr als eine Milliarde Fahrräder.",
                "Radfahren ist eine günstige Art der Fortbewegung und erzeugt keine Abgase.",
            ),
            (
                ("Wer baute die erste zweirädrige Laufmaschine?", "Karl Drais"),
                ("Wie bewegten die Fahrer die erste Laufmaschine vorwärts?", "mit den Füßen"),
                ("Wie viele Fahrräder gibt es heute auf der Welt?", "mehr als eine Milliarde"),
                ("Was erzeugt Radfahren nicht?", "Abgase"),
            ),
        ),
        el=L(
            "Το ποδήλατο",
            (
                "Την πρώτη δίτροχη μηχανή μετακίνησης την κατασκεύασε ο Καρλ Ντράις στη Γερμανία το 1817.",
                "Δεν είχε πετάλια, οπότε οι αναβάτες έσπρωχναν τον εαυτό τους με τα πόδια.",
                "Τα πετάλια, οι αλυσίδες και τα φουσκωτά λάστιχα προστέθηκαν τις επόμενες δεκαετίες.",
                "Σήμερα υπάρχουν στον κόσμο περισσότερα από ένα δισεκατομμύριο ποδήλατα.",
                "Η ποδηλασία είναι ένας φθηνός τρόπος μετακίνησης και δεν παράγει καυσαέρια.",
            ),
            (
                ("Ποιος κατασκεύασε την πρώτη δίτροχη μηχανή μετακίνησης;", "Καρλ Ντράις"),
                ("Πώς κινούσαν οι αναβάτες την πρώτη δίτροχη μηχανή;", "με τα πόδια"),
                ("Πόσα ποδήλατα υπάρχουν σήμερα στον κόσμο;", "περισσότερα από ένα δισεκατομμύριο"),
                ("Τι δεν παράγει η ποδηλασία;", "καυσαέρια"),
            ),
        ),
        es=L(
            "La bicicleta",
            (
                "La primera máquina de dos ruedas para desplazarse la construyó Karl Drais en Alemania en 1817.",
                "No tenía pedales, así que los usuarios se impulsaban con los pies.",
                "En las décadas siguientes se añadieron los pedales, la cadena y los neumáticos de aire.",
                "Hoy hay más de mil millones de bicicletas en el mundo.",
                "Ir en bicicleta es una forma barata de desplazarse y no produce gases de escape.",
            ),
            (
                ("¿Quién construyó la primera máquina de dos ruedas para desplazarse?", "Karl Drais"),
                ("¿Cómo avanzaban los usuarios de la primera máquina?", "se impulsaban con los pies"),
                ("¿Cuántas bicicletas hay hoy en el mundo?", "más de mil millones"),
                ("¿Qué no produce ir en bicicleta?", "gases de escape"),
            ),
        ),
        hi=L(
            "साइकिल",
            (
                "पहली दो पहियों वाली सवारी मशीन 1817 में जर्मनी में कार्ल ड्राइस ने बनाई थी।",
                "इसमें पैडल नहीं थे, इसलिए सवार अपने पैरों से ज़मीन को धकेलकर आगे बढ़ते थे।",
                "अगले कुछ दशकों में इसमें पैडल, चेन और हवा भरे टायर जोड़े गए।",
                "आज दुनिया में एक अरब से ज़्यादा साइकिलें हैं।",
                "साइकिल चलाना यात्रा का एक सस्ता तरीका है और इससे कोई धुआँ नहीं निकलता।",
            ),
            (
                ("पहली दो पहियों वाली सवारी मशीन किसने बनाई थी?", "कार्ल ड्राइस"),
                ("सवार पहली मशीन को कैसे आगे बढ़ाते थे?", "अपने पैरों से ज़मीन को धकेलकर"),
                ("आज दुनिया में कितनी साइकिलें हैं?", "एक अरब से ज़्यादा"),
                ("साइकिल चलाने से क्या नहीं निकलता?", "धुआँ"),
            ),
        ),
        ru=L(
            "Велосипед",
            (
                "Первую двухколёсную машину для езды построил Карл Драйс в Германии в 1817 году.",
                "У неё не было педалей, поэтому ездоки отталкивались от земли ногами.",
                "Педали, цепь и надувные шины появились в последующие десятилетия.",
                "Сегодня в мире насчитывается более миллиарда велосипедов.",
                "Езда на велосипеде — недорогой способ передвижения, который не производит выхлопных газов.",
            ),
            (
                ("Кто построил первую двухколёсную машину для езды?", "Карл Драйс"),
                ("Как ездоки приводили в движение первую такую машину?", "отталкивались от земли ногами"),
                ("Сколько велосипедов сегодня в мире?", "более миллиарда"),
                ("Чего не производит езда на велосипеде?", "выхлопных газов"),
            ),
        ),
        th=L(
            "จักรยาน",
            (
                "คาร์ล ไดรส์ สร้างยานพาหนะสองล้อสำหรับขี่คันแรกขึ้นในเยอรมนีเมื่อปี ค.ศ. 1817",
                "ยานพาหนะนี้ไม่มีบันไดถีบ ผู้ขี่จึงต้องใช้เท้าถีบพื้นเพื่อให้เคลื่อนไปข้างหน้า",
                "บันไดถีบ โซ่ และยางที่เติมลม ถูกเพิ่มเข้ามาในช่วงหลายทศวรรษต่อมา",
                "ปัจจุบันมีจักรยานมากกว่าหนึ่งพันล้านคันทั่วโลก",
                "การขี่จักรยานเป็นวิธีการเดินทางที่ประหยัดและไม่ก่อให้เกิดไอเสีย",
            ),
            (
                ("ใครสร้างยานพาหนะสองล้อสำหรับขี่คันแรก", "คาร์ล ไดรส์"),
                ("ผู้ขี่ทำให้ยานพาหนะคันแรกเคลื่อนไปข้างหน้าได้อย่างไร", "ใช้เท้าถีบพื้น"),
                ("ปัจจุบันทั่วโลกมีจักรยานกี่คัน", "มากกว่าหนึ่งพันล้านคัน"),
                ("การขี่จักรยานไม่ก่อให้เกิดอะไร", "ไอเสีย"),
            ),
        ),
        tr=L(
            "Bisiklet",
            (
                "İlk iki tekerlekli sürüş makinesini 1817'de Almanya'da Karl Drais yaptı.",
                "Pedalı yoktu, bu yüzden sürücüler ayaklarıyla yeri iterek ilerliyordu.",
                "Sonraki on yıllarda pedallar, zincirler ve şişirilmiş lastikler eklendi.",
                "Bugün dünyada bir milyardan fazla bisiklet var.",
                "Bisiklete binmek ucuz bir ulaşım yoludur ve egzoz gazı üretmez.",
            ),
            (
                ("İlk iki tekerlekli sürüş makinesini kim yaptı?", "Karl Drais"),
                ("Sürücüler ilk makineyi nasıl ilerletiyordu?", "ayaklarıyla yeri iterek"),
                ("Bugün dünyada kaç bisiklet var?", "bir milyardan fazla"),
                ("Bisiklete binmek neyi üretmez?", "egzoz gazı"),
            ),
        ),
        vi=L(
            "Xe đạp",
            (
                "Cỗ máy hai bánh đầu tiên để cưỡi do Karl Drais chế tạo ở Đức vào năm 1817.",
                "Nó không có bàn đạp, nên người lái phải dùng chân đẩy xuống đất để đi.",
                "Bàn đạp, xích và lốp bơm hơi được bổ sung trong những thập kỷ sau đó.",
                "Ngày nay trên thế giới có hơn một tỷ chiếc xe đạp.",
                "Đi xe đạp là cách di chuyển rẻ tiền và không thải ra khí thải.",
            ),
            (
                ("Ai đã chế tạo cỗ máy hai bánh đầu tiên để cưỡi?", "Karl Drais"),
                ("Người lái làm thế nào để cỗ máy đầu tiên di chuyển?", "dùng chân đẩy xuống đất"),
                ("Ngày nay trên thế giới có bao nhiêu chiếc xe đạp?", "hơn một tỷ"),
                ("Đi xe đạp không thải ra gì?", "khí thải"),
            ),
        ),
        zh=L(
            "自行车",
            (
                "第一辆两轮骑行机器是卡尔·德莱斯于1817年在德国制造的。",
                "它没有脚踏板，所以骑行者要用双脚蹬地前进。",
                "在随后的几十年里，人们又加上了脚踏板、链条和充气轮胎。",
                "如今，世界上有超过十亿辆自行车。",
                "骑自行车是一种廉价的出行方式，而且不会产生尾气。",
            ),
            (
                ("第一辆两轮骑行机器是谁制造的？", "卡尔·德莱斯"),
                ("骑行者如何让第一辆骑行机器前进？", "用双脚蹬地"),
                ("如今世界上有多少辆自行车？", "超过十亿辆"),
                ("骑自行车不会产生什么？", "尾气"),
            ),
        ),
    ),
    # ------------------------------------------------------------------------------------------------- eval
    para(
        "penguins", "eval", (1, 2, 3, 4),
        en=L(
            "Penguins",
            (
                "Penguins are birds that cannot fly, but they are excellent swimmers.",
                "Almost all penguin species live in the Southern Hemisphere.",
                "The emperor penguin is the largest species and can be more than one metre tall.",
                "Male emperor penguins keep the egg warm on their feet for about two months.",
                "Penguins feed mainly on fish, squid and krill.",
            ),
            (
                ("In which hemisphere do almost all penguin species live?", "the Southern Hemisphere"),
                ("Which penguin species is the largest?", "The emperor penguin"),
                ("Where do male emperor penguins keep the egg warm?", "on their feet"),
                ("What do penguins mainly feed on?", "fish, squid and krill"),
            ),
        ),
        ar=L(
            "البطاريق",
            (
                "البطاريق طيور لا تستطيع الطيران، لكنها سبّاحة ماهرة.",
                "تعيش كل أنواع البطاريق تقريبًا في نصف الكرة الجنوبي.",
                "البطريق الإمبراطور هو أكبر الأنواع، وقد يتجاوز طوله مترًا واحدًا.",
                "يُبقي ذكور البطريق الإمبراطور البيضة دافئة على أقدامهم نحو شهرين.",
                "تتغذى البطاريق أساسًا على الأسماك والحبار والكريل.",
            ),
            (
                ("في أي نصف من الكرة الأرضية تعيش كل أنواع البطاريق تقريبًا؟", "نصف الكرة الجنوبي"),
                ("ما أكبر أنواع البطاريق؟", "البطريق الإمبراطور"),
                ("أين يُبقي ذكور البطريق الإمبراطور البيضة دافئة؟", "على أقدامهم"),
                ("على ماذا تتغذى البطاريق أساسًا؟", "الأسماك والحبار والكريل"),
            ),
        ),
        de=L(
            "Pinguine",
            (
                "Pinguine sind Vögel, die nicht fliegen können, aber hervorragend schwimmen.",
                "Fast alle Pinguinarten leben auf der Südhalbkugel.",
                "Der Kaiserpinguin ist die größte Art und kann über einen Meter groß werden.",
                "Männliche Kaiserpinguine halten das Ei etwa zwei Monate lang auf ihren Füßen warm.",
                "Pinguine ernähren sich hauptsächlich von Fisch, Tintenfisch und Krill.",
            ),
            (
                ("Auf welcher Erdhalbkugel leben fast alle Pinguinarten?", "auf der Südhalbkugel"),
                ("Welche Pinguinart ist die größte?", "Der Kaiserpinguin"),
                ("Wo halten männliche Kaiserpinguine das Ei warm?", "auf ihren Füßen"),
                ("Wovon ernähren sich Pinguine hauptsächlich?", "von Fisch, Tintenfisch und Krill"),
            ),
        ),
        el=L(
            "Πιγκουίνοι",
            (
                "Οι πιγκουίνοι είναι πουλιά που δεν μπορούν να πετάξουν, αλλά είναι εξαιρετικοί κολυμβητές.",
                "Σχεδόν όλα τα είδη πιγκουίνων ζουν στο νότιο ημισφαίριο.",
                "Ο αυτοκρατορικός πιγκουίνος είναι το μεγαλύτερο είδος και μπορεί να ξεπεράσει το ένα μέτρο σε ύψος.",
                "Τα αρσενικά των αυτοκρατορικών πιγκουίνων κρατούν το αυγό ζεστό πάνω στα πόδια τους για περίπου "
                "δύο μήνες.",
                "Οι πιγκουίνοι τρέφονται κυρίως με ψάρια, καλαμάρια και κριλ.",
            ),
            (
                ("Σε ποιο ημισφαίριο ζουν σχεδόν όλα τα είδη πιγκουίνων;", "στο νότιο ημισφαίριο"),
                ("Ποιο είναι το μεγαλύτερο είδος πιγκουίνου;", "Ο αυτοκρατορικός πιγκουίνος"),
                ("Πού κρατούν το αυγό ζεστό τα αρσενικά των αυτοκρατορικών πιγκουίνων;", "πάνω στα πόδια τους"),
                ("Με τι τρέφονται κυρίως οι πιγκουίνοι;", "ψάρια, καλαμάρια και κριλ"),
            ),
        ),
        es=L(
            "Los pingüinos",
            (
                "Los pingüinos son aves que no pueden volar, pero son excelentes nadadores.",
                "Casi todas las especies de pingüinos viven en el hemisferio sur.",
                "El pingüino emperador es la especie más grande y puede superar un metro de altura.",
                "Los machos de pingüino emperador mantienen el huevo caliente sobre sus patas durante unos dos meses.",
                "Los pingüinos se alimentan principalmente de peces, calamares y kril.",
            ),
            (
                ("¿En qué hemisferio viven casi todas las especies de pingüinos?", "el hemisferio sur"),
                ("¿Cuál es la especie de pingüino más grande?", "El pingüino emperador"),
                ("¿Dónde mantienen el huevo caliente los machos de pingüino emperador?", "sobre sus patas"),
                ("¿De qué se alimentan principalmente los pingüinos?", "peces, calamares y kril"),
            ),
        ),
        hi=L(
            "पेंगुइन",
            (
                "पेंगुइन ऐसे पक्षी हैं जो उड़ नहीं सकते, लेकिन वे बेहतरीन तैराक होते हैं।",
                "पेंगुइन की लगभग सभी प्रजातियाँ दक्षिणी गोलार्ध में रहती हैं।",
                "एम्परर पेंगुइन सबसे बड़ी प्रजाति है और इसकी ऊँचाई एक मीटर से भी ज़्यादा हो सकती है।",
                "नर एम्परर पेंगुइन लगभग दो महीने तक अंडे को अपने पैरों पर रखकर गर्म रखते हैं।",
                "पेंगुइन मुख्य रूप से मछली, स्क्विड और क्रिल खाते हैं।",
            ),
            (
                ("पेंगुइन की लगभग सभी प्रजातियाँ किस गोलार्ध में रहती हैं?", "दक्षिणी गोलार्ध"),
                ("पेंगुइन की सबसे बड़ी प्रजाति कौन-सी है?", "एम्परर पेंगुइन"),
                ("नर एम्परर पेंगुइन अंडे को कहाँ रखकर गर्म रखते हैं?", "अपने पैरों पर"),
                ("पेंगुइन मुख्य रूप से क्या खाते हैं?", "मछली, स्क्विड और क्रिल"),
            ),
        ),
        ru=L(
            "Пингвины",
            (
                "Пингвины — птицы, которые не умеют летать, но прекрасно плавают.",
                "Почти все виды пингвинов живут в Южном полушарии.",
                "Императорский пингвин — самый крупный вид, его рост может превышать один метр.",
                "Самцы императорских пингвинов около двух месяцев согревают яйцо на своих лапах.",
                "Пингвины питаются в основном рыбой, кальмарами и крилем.",
            ),
            (
                ("В каком полушарии живут почти все виды пингвинов?", "в Южном полушарии"),
                ("Какой вид пингвинов самый крупный?", "Императорский пингвин"),
                ("Где самцы императорских пингвинов согревают яйцо?", "на своих лапах"),
                ("Чем в основном питаются пингвины?", "рыбой, кальмарами и крилем"),
            ),
        ),
        th=L(
            "นกเพนกวิน",
            (
                "นกเพนกวินเป็นนกที่บินไม่ได้ แต่ว่ายน้ำได้เก่งมาก",
                "นกเพนกวินเกือบทุกสายพันธุ์อาศัยอยู่ในซีกโลกใต้",
                "นกเพนกวินจักรพรรดิเป็นสายพันธุ์ที่ใหญ่ที่สุด และอาจสูงได้มากกว่าหนึ่งเมตร",
                "นกเพนกวินจักรพรรดิตัวผู้จะกกไข่ให้อบอุ่นไว้บนเท้าของมันนานประมาณสองเดือน",
                "นกเพนกวินกินปลา หมึก และเคยเป็นอาหารหลัก",
            ),
            (
                ("นกเพนกวินเกือบทุกสายพันธุ์อาศัยอยู่ในซีกโลกใด", "ซีกโลกใต้"),
                ("นกเพนกวินสายพันธุ์ใดใหญ่ที่สุด", "นกเพนกวินจักรพรรดิ"),
                ("นกเพนกวินจักรพรรดิตัวผู้กกไข่ไว้ที่ใด", "บนเท้าของมัน"),
                ("นกเพนกวินกินอะไรเป็นอาหารหลัก", "ปลา หมึก และเคย"),
            ),
        ),
        tr=L(
            "Penguenler",
            (
                "Penguenler uçamayan kuşlardır ama çok iyi yüzerler.",
                "Penguen türlerinin neredeyse tamamı Güney Yarımküre'de yaşar.",
                "İmparator penguen en büyük türdür ve boyu bir metreyi aşabilir.",
                "Erkek imparator penguenler yumurtayı yaklaşık iki ay boyunca ayaklarının üzerinde sıcak tutar.",
                "Penguenler başlıca balık, kalamar ve kril ile beslenir.",
            ),
            (
                ("Penguen türlerinin neredeyse tamamı hangi yarımkürede yaşar?", "Güney Yarımküre"),
                ("En büyük penguen türü hangisidir?", "İmparator penguen"),
                ("Erkek imparator penguenler yumurtayı nerede sıcak tutar?", "ayaklarının üzerinde"),
                ("Penguenler başlıca neyle beslenir?", "balık, kalamar ve kril"),
            ),
        ),
        vi=L(
            "Chim cánh cụt",
            (
                "Chim cánh cụt là loài chim không biết bay nhưng bơi rất giỏi.",
                "Hầu như tất cả các loài chim cánh cụt đều sống ở Nam Bán Cầu.",
                "Chim cánh cụt hoàng đế là loài lớn nhất và có thể cao hơn một mét.",
                "Chim cánh cụt hoàng đế đực giữ ấm trứng trên bàn chân của chúng trong khoảng hai tháng.",
                "Chim cánh cụt chủ yếu ăn cá, mực và tôm krill.",
            ),
            (
                ("Hầu như tất cả các loài chim cánh cụt sống ở bán cầu nào?", "Nam Bán Cầu"),
                ("Loài chim cánh cụt nào lớn nhất?", "Chim cánh cụt hoàng đế"),
                ("Chim cánh cụt hoàng đế đực giữ ấm trứng ở đâu?", "trên bàn chân của chúng"),
                ("Chim cánh cụt chủ yếu ăn gì?", "cá, mực và tôm krill"),
            ),
        ),
        zh=L(
            "企鹅",
            (
                "企鹅是不会飞的鸟类，但它们是出色的游泳者。",
                "几乎所有种类的企鹅都生活在南半球。",
                "帝企鹅是体型最大的企鹅，身高可以超过一米。",
                "雄性帝企鹅会把蛋放在脚上保暖，时间大约两个月。",
                "企鹅主要以鱼类、鱿鱼和磷虾为食。",
            ),
            (
                ("几乎所有种类的企鹅都生活在哪个半球？", "南半球"),
                ("体型最大的企鹅是哪一种？", "帝企鹅"),
                ("雄性帝企鹅把蛋放在哪里保暖？", "脚上"),
                ("企鹅主要以什么为食？", "鱼类、鱿鱼和磷虾"),
            ),
        ),
    ),
    para(
        "chess", "eval", (0, 2, 3, 4),
        en=L(
            "Chess",
            (
                "Chess is a board game for two players, played on a board of 64 squares.",
                "Each player starts with sixteen pieces: a king, a queen, two rooks, two bishops, two knights and "
                "eight pawns.",
                "The aim of the game is to checkmate the opponent's king.",
                "Chess is believed to have developed from an Indian game called chaturanga.",
                "In 1997, the computer Deep Blue defeated the world champion Garry Kasparov.",
            ),
            (
                ("How many squares does a chessboard have?", "64"),
                ("What is the aim of a game of chess?", "to checkmate the opponent's king"),
                ("From which game is chess believed to have developed?", "chaturanga"),
                ("Which computer defeated Garry Kasparov in 1997?", "Deep Blue"),
            ),
        ),
        ar=L(
            "الشطرنج",
            (
                "الشطرنج لعبة لوحية للاعبين اثنين، تُلعب على رقعة من 64 مربعًا.",
                "يبدأ كل لاعب بست عشرة قطعة: ملك ووزير وقلعتان وفيلان وحصانان وثمانية جنود.",
                "هدف اللعبة هو إيقاع ملك الخصم في كش مات.",
                "يُعتقد أن الشطرنج تطور من لعبة هندية تُسمى تشاتورانغا.",
                "في عام 1997، هزم الحاسوب ديب بلو بطل العالم غاري كاسباروف.",
            ),
            (
                ("كم مربعًا في رقعة الشطرنج؟", "64"),
                ("ما هدف لعبة الشطرنج؟", "إيقاع ملك الخصم في كش مات"),
                ("من أي لعبة يُعتقد أن الشطرنج تطور؟", "تشاتورانغا"),
                ("أي حاسوب هزم غاري كاسباروف عام 1997؟", "ديب بلو"),
            ),
        ),
        de=L(
            "Schach",
            (
                "Schach ist ein Brettspiel für zwei Personen, das auf einem Brett mit 64 Feldern gespielt wird.",
                "Jeder Spieler beginnt mit sechzehn Figuren: einem König, einer Dame, zwei Türmen, zwei Läufern, zwei "
                "Springern und acht Bauern.",
                "Ziel des Spiels ist es, den gegnerischen König schachmatt zu setzen.",
                "Man nimmt an, dass sich Schach aus einem indischen Spiel namens Chaturanga entwickelt hat.",
                "Im Jahr 1997 besiegte der Computer Deep Blue den Weltmeister Garri Kasparow.",
            ),
            (
                ("Wie viele Felder hat ein Schachbrett?", "64"),
                ("Was ist das Ziel einer Schachpartie?", "den gegnerischen König schachmatt zu setzen"),
                ("Aus welchem Spiel hat sich Schach vermutlich entwickelt?", "Chaturanga"),
                ("Welcher Computer besiegte 1997 Garri Kasparow?", "Deep Blue"),
            ),
        ),
        el=L(
            "Το σκάκι",
            (
                "Το σκάκι είναι ένα επιτραπέζιο παιχνίδι για δύο παίκτες, που παίζεται σε μια σκακιέρα με 64 "
                "τετράγωνα.",
                "Κάθε παίκτης ξεκινά με δεκαέξι κομμάτια: έναν βασιλιά, μια βασίλισσα, δύο πύργους, δύο αξιωματικούς, "
                "δύο ίππους και οκτώ πιόνια.",
                "Στόχος του παιχνιδιού είναι να κάνεις ματ στον αντίπαλο βασιλιά.",
                "Πιστεύεται ότι το σκάκι προήλθε από ένα ινδικό παιχνίδι που ονομαζόταν τσατουράνγκα.",
                "Το 1997 ο υπολογιστής Deep Blue νίκησε τον παγκόσμιο πρωταθλητή Γκάρι Κασπάροφ.",
            ),
            (
                ("Πόσα τετράγωνα έχει μια σκακιέρα;", "64"),
                ("Ποιος είναι ο στόχος μιας παρτίδας σκακιού;", "να κάνεις ματ στον αντίπαλο βασιλιά"),
                ("Από ποιο παιχνίδι πιστεύεται ότι προήλθε το σκάκι;", "τσατουράνγκα"),
                ("Ποιος υπολογιστής νίκησε τον Γκάρι Κασπάροφ το 1997;", "Deep Blue"),
            ),
        ),
        es=L(
            "El ajedrez",
            (
                "El ajedrez es un juego de tablero para dos jugadores que se juega en un tablero de 64 casillas.",
                "Cada jugador empieza con dieciséis piezas: un rey, una dama, dos torres, dos alfiles, dos caballos y "
                "ocho peones.",
                "El objetivo del juego es dar jaque mate al rey del adversario.",
                "Se cree que el ajedrez surgió de un juego indio llamado chaturanga.",
                "En 1997, la computadora Deep Blue derrotó al campeón del mundo Garri Kaspárov.",
            ),
            (
                ("¿Cuántas casillas tiene un tablero de ajedrez?", "64"),
                ("¿Cuál es el objetivo de una partida de ajedrez?", "dar jaque mate al rey del adversario"),
                ("¿De qué juego se cree que surgió el ajedrez?", "chaturanga"),
                ("¿Qué computadora derrotó a Garri Kaspárov en 1997?", "Deep Blue"),
            ),
        ),
        hi=L(
            "शतरंज",
            (
                "शतरंज दो खिलाड़ियों का एक बोर्ड खेल है, जो 64 खानों वाली बिसात पर खेला जाता है।",
                "हर खिलाड़ी सोलह मोहरों से शुरुआत करता है: एक राजा, एक वज़ीर, दो हाथी, दो ऊँट, दो घोड़े और आठ "
                "प्यादे।",
                "खेल का लक्ष्य विरोधी के राजा को शह-मात देना है।",
                "माना जाता है कि शतरंज चतुरंग नाम के एक भारतीय खेल से विकसित हुआ।",
                "1997 में डीप ब्लू नाम के कंप्यूटर ने विश्व चैंपियन गैरी कास्परोव को हराया।",
            ),
            (
                ("शतरंज की बिसात में कितने खाने होते हैं?", "64"),
                ("शतरंज के खेल का लक्ष्य क्या है?", "विरोधी के राजा को शह-मात देना"),
                ("माना जाता है कि शतरंज किस खेल से विकसित हुआ?", "चतुरंग"),
                ("1997 में गैरी कास्परोव को किस कंप्यूटर ने हराया?", "डीप ब्लू"),
            ),
        ),
        ru=L(
            "Шахматы",
            (
                "Шахматы — настольная игра для двух игроков на доске из 64 клеток.",
                "У каждого игрока в начале партии шестнадцать фигур: король, ферзь, две ладьи, два слона, два коня и "
                "восемь пешек.",
                "Цель игры — поставить мат королю соперника.",
                "Считается, что шахматы произошли от индийской игры чатуранга.",
                "В 1997 году компьютер Deep Blue победил чемпиона мира Гарри Каспарова.",
            ),
            (
                ("Сколько клеток на шахматной доске?", "64"),
                ("В чём цель шахматной партии?", "поставить мат королю соперника"),
                ("От какой игры, как считается, произошли шахматы?", "чатуранга"),
                ("Какой компьютер победил Гарри Каспарова в 1997 году?", "Deep Blue"),
            ),
        ),
        th=L(
            "หมากรุกสากล",
            (
                "หมากรุกสากลเป็นเกมกระดานสำหรับผู้เล่นสองคน เล่นบนกระดานที่มี 64 ช่อง",
                "ผู้เล่นแต่ละฝ่ายเริ่มต้นด้วยตัวหมาก 16 ตัว ได้แก่ คิง ควีน เรือ 2 ตัว บิชอป 2 ตัว ม้า 2 ตัว และเบี้ย "
                "8 ตัว",
                "เป้าหมายของเกมคือการรุกฆาตคิงของฝ่ายตรงข้าม",
                "เชื่อกันว่าหมากรุกสากลพัฒนามาจากเกมของอินเดียที่เรียกว่าจตุรังคะ",
                "ในปี ค.ศ. 1997 คอมพิวเตอร์ดีปบลูเอาชนะแกร์รี คาสปารอฟ แชมป์โลกได้",
            ),
            (
                ("กระดานหมากรุกสากลมีกี่ช่อง", "64"),
                ("เป้าหมายของเกมหมากรุกสากลคืออะไร", "การรุกฆาตคิงของฝ่ายตรงข้าม"),
                ("เชื่อกันว่าหมากรุกสากลพัฒนามาจากเกมใด", "จตุรังคะ"),
                ("คอมพิวเตอร์เครื่องใดเอาชนะแกร์รี คาสปารอฟได้ในปี ค.ศ. 1997", "ดีปบลู"),
            ),
        ),
        tr=L(
            "Satranç",
            (
                "Satranç, 64 kareli bir tahta üzerinde oynanan iki kişilik bir masa oyunudur.",
                "Her oyuncu on altı taşla başlar: bir şah, bir vezir, iki kale, iki fil, iki at ve sekiz piyon.",
                "Oyunun amacı rakibin şahını mat etmektir.",
                "Satrancın, çaturanga adlı bir Hint oyunundan geliştiği düşünülmektedir.",
                "1997'de Deep Blue adlı bilgisayar, dünya şampiyonu Garri Kasparov'u yendi.",
            ),
            (
                ("Bir satranç tahtasında kaç kare vardır?", "64"),
                ("Satranç oyununun amacı nedir?", "rakibin şahını mat etmek"),
                ("Satrancın hangi oyundan geliştiği düşünülmektedir?", "çaturanga"),
                ("1997'de Garri Kasparov'u hangi bilgisayar yendi?", "Deep Blue"),
            ),
        ),
        vi=L(
            "Cờ vua",
            (
                "Cờ vua là trò chơi trên bàn cờ dành cho hai người, được chơi trên một bàn cờ có 64 ô.",
                "Mỗi người chơi bắt đầu với mười sáu quân: một vua, một hậu, hai xe, hai tượng, hai mã và tám tốt.",
                "Mục tiêu của trò chơi là chiếu hết vua của đối phương.",
                "Người ta cho rằng cờ vua phát triển từ một trò chơi của Ấn Độ có tên là chaturanga.",
                "Năm 1997, máy tính Deep Blue đã đánh bại nhà vô địch thế giới Garry Kasparov.",
            ),
            (
                ("Bàn cờ vua có bao nhiêu ô?", "64"),
                ("Mục tiêu của một ván cờ vua là gì?", "chiếu hết vua của đối phương"),
                ("Người ta cho rằng cờ vua phát triển từ trò chơi nào?", "chaturanga"),
                ("Máy tính nào đã đánh bại Garry Kasparov vào năm 1997?", "Deep Blue"),
            ),
        ),
        zh=L(
            "国际象棋",
            (
                "国际象棋是一种双人棋盘游戏，在由64个方格组成的棋盘上进行。",
                "每位棋手开局时有十六枚棋子：一个王、一个后、两个车、两个象、两个马和八个兵。",
                "这项游戏的目标是将死对方的王。",
                "人们认为国际象棋起源于一种名为恰图兰卡的印度游戏。",
                "1997年，计算机“深蓝”击败了世界冠军加里·卡斯帕罗夫。",
            ),
            (
                ("国际象棋的棋盘有多少个方格？", "64个"),
                ("国际象棋游戏的目标是什么？", "将死对方的王"),
                ("人们认为国际象棋起源于哪种游戏？", "恰图兰卡"),
                ("1997年哪台计算机击败了加里·卡斯帕罗夫？", "深蓝"),
            ),
        ),
    ),
    para(
        "rainbows", "eval", (1, 2, 3, 4),
        en=L(
            "Rainbows",
            (
                "A rainbow appears when sunlight shines through raindrops in the air.",
                "Each drop bends the light and splits it into different colours.",
                "The colours are traditionally listed as red, orange, yellow, green, blue, indigo and violet.",
                "To see a rainbow, you must stand with the Sun behind you.",
                "Sometimes a fainter second rainbow appears, with its colours in reverse order.",
            ),
            (
                ("What does each raindrop do to the light?", "bends the light and splits it into different colours"),
                ("Which colour is traditionally listed first in a rainbow?", "red"),
                ("Where must the Sun be when you look at a rainbow?", "behind you"),
                ("How are the colours of a fainter second rainbow arranged?", "in reverse order"),
            ),
        ),
        ar=L(
            "قوس قزح",
            (
                "يظهر قوس قزح عندما يمر ضوء الشمس عبر قطرات المطر في الهواء.",
                "تكسر كل قطرة الضوء وتحلله إلى ألوان مختلفة.",
                "تُعدد الألوان تقليديًا على النحو التالي: الأحمر والبرتقالي والأصفر والأخضر والأزرق والنيلي "
                "والبنفسجي.",
                "لكي ترى قوس قزح، يجب أن تقف والشمس خلفك.",
                "وأحيانًا يظهر قوس قزح ثانٍ أبهت، تكون ألوانه بترتيب معكوس.",
            ),
            (
                ("ماذا تفعل كل قطرة مطر بالضوء؟", "تكسر كل قطرة الضوء وتحلله إلى ألوان مختلفة"),
                ("ما اللون الذي يُذكر أولًا تقليديًا في قوس قزح؟", "الأحمر"),
                ("أين يجب أن تكون الشمس عندما تنظر إلى قوس قزح؟", "خلفك"),
                ("كيف تترتب ألوان قوس قزح الثاني الأبهت؟", "بترتيب معكوس"),
            ),
        ),
        de=L(
            "Regenbogen",
            (
                "Ein Regenbogen entsteht, wenn Sonnenlicht durch Regentropfen in der Luft scheint.",
                "Jeder Tropfen bricht das Licht und zerlegt es in verschiedene Farben.",
                "Die Farben werden traditionell als Rot, Orange, Gelb, Grün, Blau, Indigo und Violett aufgezählt.",
                "Um einen Regenbogen zu sehen, muss man die Sonne im Rücken haben.",
                "Manchmal erscheint ein schwächerer zweiter Regenbogen, dessen Farben in umgekehrter Reihenfolge "
                "liegen.",
            ),
            (
                ("Was macht jeder Regentropfen mit dem Licht?",
                 "bricht das Licht und zerlegt es in verschiedene Farben"),
                ("Welche Farbe wird beim Regenbogen traditionell als erste genannt?", "Rot"),
                ("Wo muss die Sonne sein, wenn man einen Regenbogen sieht?", "im Rücken"),
                ("Wie sind die Farben eines schwächeren zweiten Regenbogens angeordnet?",
                 "in umgekehrter Reihenfolge"),
            ),
        ),
        el=L(
            "Το ουράνιο τόξο",
            (
                "Το ουράνιο τόξο εμφανίζεται όταν το φως του ήλιου περνά μέσα από σταγόνες βροχής στον αέρα.",
                "Κάθε σταγόνα διαθλά το φως και το αναλύει σε διαφορετικά χρώματα.",
                "Τα χρώματα απαριθμούνται παραδοσιακά ως κόκκινο, πορτοκαλί, κίτρινο, πράσινο, μπλε, λουλακί και "
                "ιώδες.",
                "Για να δεις ουράνιο τόξο, πρέπει να έχεις τον ήλιο πίσω σου.",
                "Μερικές φορές εμφανίζεται ένα δεύτερο, πιο αχνό ουράνιο τόξο, με τα χρώματα σε αντίστροφη σειρά.",
            ),
            (
                ("Τι κάνει κάθε σταγόνα βροχής στο φως;", "διαθλά το φως και το αναλύει σε διαφορετικά χρώματα"),
                ("Ποιο χρώμα αναφέρεται παραδοσιακά πρώτο στο ουράνιο τόξο;", "κόκκινο"),
                ("Πού πρέπει να βρίσκεται ο ήλιος όταν κοιτάς ένα ουράνιο τόξο;", "πίσω σου"),
                ("Πώς είναι διατεταγμένα τα χρώματα ενός δεύτερου, πιο αχνού ουράνιου τόξου;", "σε αντίστροφη σειρά"),
            ),
        ),
        es=L(
            "El arcoíris",
            (
                "Un arcoíris aparece cuando la luz del sol atraviesa las gotas de lluvia que hay en el aire.",
                "Cada gota desvía la luz y la separa en distintos colores.",
                "Tradicionalmente, los colores se enumeran como rojo, naranja, amarillo, verde, azul, añil y violeta.",
                "Para ver un arcoíris, hay que tener el sol a la espalda.",
                "A veces aparece un segundo arcoíris más tenue, con los colores en orden inverso.",
            ),
            (
                ("¿Qué hace cada gota de lluvia con la luz?", "desvía la luz y la separa en distintos colores"),
                ("¿Qué color se nombra tradicionalmente en primer lugar en un arcoíris?", "rojo"),
                ("¿Dónde debe estar el sol cuando se mira un arcoíris?", "a la espalda"),
                ("¿Cómo están ordenados los colores de un segundo arcoíris más tenue?", "en orden inverso"),
            ),
        ),
        hi=L(
            "इंद्रधनुष",
            (
                "इंद्रधनुष तब दिखाई देता है जब सूरज की रोशनी हवा में मौजूद बारिश की बूँदों से होकर गुज़रती है।",
                "हर बूँद रोशनी को मोड़ती है और उसे अलग-अलग रंगों में बाँट देती है।",
                "परंपरागत रूप से इसके रंग लाल, नारंगी, पीला, हरा, नीला, जामुनी और बैंगनी गिनाए जाते हैं।",
                "इंद्रधनुष देखने के लिए आपको सूरज की ओर पीठ करके खड़ा होना पड़ता है।",
                "कभी-कभी एक दूसरा, हल्का इंद्रधनुष भी दिखता है, जिसके रंग उल्टे क्रम में होते हैं।",
            ),
            (
                ("हर बारिश की बूँद रोशनी के साथ क्या करती है?",
                 "रोशनी को मोड़ती है और उसे अलग-अलग रंगों में बाँट देती है"),
                ("इंद्रधनुष में परंपरागत रूप से सबसे पहले कौन-सा रंग गिना जाता है?", "लाल"),
                ("इंद्रधनुष देखने के लिए सूरज के सापेक्ष कैसे खड़ा होना पड़ता है?", "सूरज की ओर पीठ करके"),
                ("दूसरे, हल्के इंद्रधनुष के रंग किस क्रम में होते हैं?", "उल्टे क्रम में"),
            ),
        ),
        ru=L(
            "Радуга",
            (
                "Радуга появляется, когда солнечный свет проходит сквозь капли дождя в воздухе.",
                "Каждая капля преломляет свет и разлагает его на разные цвета.",
                "Цвета радуги традиционно перечисляют так: красный, оранжевый, жёлтый, зелёный, голубой, синий и "
                "фиолетовый.",
                "Чтобы увидеть радугу, нужно встать спиной к Солнцу.",
                "Иногда появляется вторая, более бледная радуга, цвета которой идут в обратном порядке.",
            ),
            (
                ("Что делает каждая капля дождя со светом?", "преломляет свет и разлагает его на разные цвета"),
                ("Какой цвет радуги традиционно называют первым?", "красный"),
                ("Как нужно встать по отношению к Солнцу, чтобы увидеть радугу?", "спиной к Солнцу"),
                ("В каком порядке идут цвета второй, более бледной радуги?", "в обратном порядке"),
            ),
        ),
        th=L(
            "รุ้งกินน้ำ",
            (
                "รุ้งกินน้ำเกิดขึ้นเมื่อแสงอาทิตย์ส่องผ่านหยดน้ำฝนในอากาศ",
                "หยดน้ำแต่ละหยดจะหักเหแสงและแยกแสงออกเป็นสีต่าง ๆ",
                "ตามธรรมเนียมแล้ว สีของรุ้งจะเรียงเป็นสีแดง แสด เหลือง เขียว น้ำเงิน คราม และม่วง",
                "หากต้องการเห็นรุ้ง คุณต้องยืนหันหลังให้ดวงอาทิตย์",
                "บางครั้งจะมีรุ้งตัวที่สองที่จางกว่าปรากฏขึ้น โดยมีสีเรียงกลับลำดับกัน",
            ),
            (
                ("หยดน้ำฝนแต่ละหยดทำอะไรกับแสง", "หักเหแสงและแยกแสงออกเป็นสีต่าง ๆ"),
                ("ตามธรรมเนียม สีใดถูกเรียงไว้เป็นสีแรกของรุ้ง", "แดง"),
                ("เมื่อจะดูรุ้ง ต้องยืนอย่างไรเมื่อเทียบกับดวงอาทิตย์", "หันหลังให้ดวงอาทิตย์"),
                ("สีของรุ้งตัวที่สองที่จางกว่าเรียงกันอย่างไร", "เรียงกลับลำดับกัน"),
            ),
        ),
        tr=L(
            "Gökkuşağı",
            (
                "Gökkuşağı, güneş ışığı havadaki yağmur damlalarından geçtiğinde ortaya çıkar.",
                "Her damla ışığı kırar ve onu farklı renklere ayırır.",
                "Renkler geleneksel olarak kırmızı, turuncu, sarı, yeşil, mavi, çivit mavisi ve mor diye sıralanır.",
                "Gökkuşağını görmek için Güneş'i arkanıza almanız gerekir.",
                "Bazen renkleri ters sırada dizilmiş, daha soluk ikinci bir gökkuşağı görülür.",
            ),
            (
                ("Her yağmur damlası ışığa ne yapar?", "ışığı kırar ve onu farklı renklere ayırır"),
                ("Gökkuşağında geleneksel olarak ilk sırada hangi renk sayılır?", "kırmızı"),
                ("Gökkuşağına bakarken Güneş nerede olmalıdır?", "Güneş'i arkanıza"),
                ("Daha soluk ikinci bir gökkuşağında renkler nasıl dizilir?", "ters sırada"),
            ),
        ),
        vi=L(
            "Cầu vồng",
            (
                "Cầu vồng xuất hiện khi ánh sáng mặt trời chiếu qua những giọt mưa trong không khí.",
                "Mỗi giọt nước làm khúc xạ ánh sáng và tách nó thành nhiều màu khác nhau.",
                "Theo truyền thống, các màu được liệt kê là đỏ, cam, vàng, lục, lam, chàm và tím.",
                "Muốn nhìn thấy cầu vồng, bạn phải đứng quay lưng về phía Mặt Trời.",
                "Đôi khi xuất hiện một cầu vồng thứ hai mờ hơn, với các màu theo thứ tự ngược lại.",
            ),
            (
                ("Mỗi giọt mưa làm gì với ánh sáng?", "làm khúc xạ ánh sáng và tách nó thành nhiều màu khác nhau"),
                ("Theo truyền thống, màu nào được liệt kê đầu tiên trong cầu vồng?", "đỏ"),
                ("Khi ngắm cầu vồng, bạn phải đứng như thế nào so với Mặt Trời?", "quay lưng về phía Mặt Trời"),
                ("Các màu của cầu vồng thứ hai mờ hơn được sắp xếp thế nào?", "theo thứ tự ngược lại"),
            ),
        ),
        zh=L(
            "彩虹",
            (
                "当阳光穿过空气中的雨滴时，就会出现彩虹。",
                "每一滴雨都会使光发生折射，并把它分解成不同的颜色。",
                "按照传统，彩虹的颜色依次为红、橙、黄、绿、蓝、靛、紫。",
                "要看到彩虹，你必须背对太阳站立。",
                "有时还会出现第二道较淡的彩虹，其颜色顺序正好相反。",
            ),
            (
                ("每一滴雨对光起什么作用？", "使光发生折射，并把它分解成不同的颜色"),
                ("按照传统，彩虹的第一种颜色是什么？", "红"),
                ("观看彩虹时应该怎样站？", "背对太阳"),
                ("第二道较淡的彩虹的颜色顺序是怎样的？", "正好相反"),
            ),
        ),
    ),
    para(
        "amazon-river", "eval", (1, 2, 3, 4),
        en=L(
            "The Amazon River",
            (
                "The Amazon is the largest river in the world by the amount of water it carries.",
                "It flows across South America and reaches the Atlantic Ocean in Brazil.",
                "Its basin is covered by the largest tropical rainforest on Earth.",
                "The river is home to thousands of fish species, including the piranha.",
                "For most of its length, the river is crossed not by bridges but by boats and ferries.",
            ),
            (
                ("Into which ocean does the Amazon flow?", "the Atlantic Ocean"),
                ("What covers the Amazon basin?", "the largest tropical rainforest on Earth"),
                ("Which well-known fish lives in the Amazon?", "the piranha"),
                ("How do people usually cross the Amazon?", "by boats and ferries"),
            ),
        ),
        ar=L(
            "نهر الأمازون",
            (
                "الأمازون أكبر نهر في العالم من حيث كمية المياه التي يحملها.",
                "يجري عبر أمريكا الجنوبية ويصب في المحيط الأطلسي في البرازيل.",
                "ويغطي حوضه أكبر غابة استوائية مطيرة على الأرض.",
                "ويعيش في النهر آلاف الأنواع من الأسماك، ومنها سمك البيرانا.",
                "وفي معظم مجراه لا يُعبر النهر بالجسور، بل بالقوارب والعبارات.",
            ),
            (
                ("في أي محيط يصب نهر الأمازون؟", "المحيط الأطلسي"),
                ("ماذا يغطي حوض الأمازون؟", "أكبر غابة استوائية مطيرة على الأرض"),
                ("ما السمك المعروف الذي يعيش في الأمازون؟", "البيرانا"),
                ("كيف يُعبر نهر الأمازون عادةً؟", "بالقوارب والعبارات"),
            ),
        ),
        de=L(
            "Der Amazonas",
            (
                "Der Amazonas ist, gemessen an der Wassermenge, die er führt, der größte Fluss der Welt.",
                "Er durchquert Südamerika und mündet in Brasilien in den Atlantischen Ozean.",
                "Sein Einzugsgebiet ist vom größten tropischen Regenwald der Erde bedeckt.",
                "Im Fluss leben Tausende Fischarten, darunter der Piranha.",
                "Auf dem größten Teil seiner Länge überquert man den Fluss nicht über Brücken, sondern mit Booten und "
                "Fähren.",
            ),
            (
                ("In welchen Ozean mündet der Amazonas?", "in den Atlantischen Ozean"),
                ("Wovon ist das Einzugsgebiet des Amazonas bedeckt?", "vom größten tropischen Regenwald der Erde"),
                ("Welcher bekannte Fisch lebt im Amazonas?", "der Piranha"),
                ("Wie überquert man den Amazonas meistens?", "mit Booten und Fähren"),
            ),
        ),
        el=L(
            "Ο ποταμός Αμαζόνιος",
            (
                "Ο Αμαζόνιος είναι ο μεγαλύτερος ποταμός του κόσμου ως προς την ποσότητα νερού που μεταφέρει.",
                "Διασχίζει τη Νότια Αμερική και εκβάλλει στον Ατλαντικό Ωκεανό, στη Βραζιλία.",
                "Η λεκάνη του καλύπτεται από το μεγαλύτερο τροπικό δάσος της Γης.",
                "Στον ποταμό ζουν χιλιάδες είδη ψαριών, ανάμεσά τους και το πιράνχα.",
                "Στο μεγαλύτερο μέρος της διαδρομής του, ο ποταμός δεν διασχίζεται με γέφυρες αλλά με βάρκες και "
                "πορθμεία.",
            ),
            (
                ("Σε ποιον ωκεανό εκβάλλει ο Αμαζόνιος;", "στον Ατλαντικό Ωκεανό"),
                ("Από τι καλύπτεται η λεκάνη του Αμαζονίου;", "το μεγαλύτερο τροπικό δάσος της Γης"),
                ("Ποιο γνωστό ψάρι ζει στον Αμαζόνιο;", "το πιράνχα"),
                ("Πώς διασχίζουν συνήθως τον Αμαζόνιο;", "με βάρκες και πορθμεία"),
            ),
        ),
        es=L(
            "El río Amazonas",
            (
                "El Amazonas es el río más grande del mundo por la cantidad de agua que transporta.",
                "Atraviesa Sudamérica y desemboca en el océano Atlántico, en Brasil.",
                "Su cuenca está cubierta por la mayor selva tropical de la Tierra.",
                "En el río viven miles de especies de peces, entre ellas la piraña.",
                "En la mayor parte de su recorrido, el río no se cruza por puentes, sino en barcas y transbordadores.",
            ),
            (
                ("¿En qué océano desemboca el Amazonas?", "el océano Atlántico"),
                ("¿Qué cubre la cuenca del Amazonas?", "la mayor selva tropical de la Tierra"),
                ("¿Qué pez conocido vive en el Amazonas?", "la piraña"),
                ("¿Cómo se cruza normalmente el Amazonas?", "en barcas y transbordadores"),
            ),
        ),
        hi=L(
            "अमेज़न नदी",
            (
                "अमेज़न अपने द्वारा बहाए जाने वाले पानी की मात्रा के हिसाब से दुनिया की सबसे बड़ी नदी है।",
                "यह दक्षिण अमेरिका को पार करती है और ब्राज़ील में अटलांटिक महासागर में गिरती है।",
                "इसका बेसिन पृथ्वी के सबसे बड़े उष्णकटिबंधीय वर्षावन से ढका हुआ है।",
                "इस नदी में मछलियों की हज़ारों प्रजातियाँ रहती हैं, जिनमें पिरान्हा भी शामिल है।",
                "अपनी ज़्यादातर लंबाई में इस नदी को पुलों से नहीं, बल्कि नावों और फ़ेरियों से पार किया जाता है।",
            ),
            (
                ("अमेज़न किस महासागर में गिरती है?", "अटलांटिक महासागर"),
                ("अमेज़न का बेसिन किससे ढका हुआ है?", "पृथ्वी के सबसे बड़े उष्णकटिबंधीय वर्षावन"),
                ("अमेज़न में कौन-सी जानी-मानी मछली रहती है?", "पिरान्हा"),
                ("अमेज़न को आमतौर पर कैसे पार किया जाता है?", "नावों और फ़ेरियों से"),
            ),
        ),
        ru=L(
            "Амазонка",
            (
                "Амазонка — крупнейшая река мира по объёму воды, который она несёт.",
                "Она течёт через Южную Америку и впадает в Атлантический океан на территории Бразилии.",
                "Её бассейн покрыт крупнейшим на Земле тропическим лесом.",
                "В реке обитают тысячи видов рыб, в том числе пиранья.",
                "На большей части её длины реку пересекают не по мостам, а на лодках и паромах.",
            ),
            (
                ("В какой океан впадает Амазонка?", "в Атлантический океан"),
                ("Чем покрыт бассейн Амазонки?", "крупнейшим на Земле тропическим лесом"),
                ("Какая известная рыба обитает в Амазонке?", "пиранья"),
                ("Как обычно пересекают Амазонку?", "на лодках и паромах"),
            ),
        ),
        th=L(
            "แม่น้ำแอมะซอน",
            (
                "แอมะซอนเป็นแม่น้ำที่ใหญ่ที่สุดในโลกเมื่อวัดจากปริมาณน้ำที่ไหลผ่าน",
                "แม่น้ำสายนี้ไหลผ่านทวีปอเมริกาใต้และไหลลงสู่มหาสมุทรแอตแลนติกที่ประเทศบราซิล",
                "ลุ่มน้ำของแม่น้ำนี้ปกคลุมด้วยป่าฝนเขตร้อนที่ใหญ่ที่สุดในโลก",
                "แม่น้ำสายนี้เป็นที่อยู่ของปลาหลายพันชนิด รวมถึงปลาปิรันยา",
                "ตลอดความยาวส่วนใหญ่ของแม่น้ำ ผู้คนข้ามแม่น้ำด้วยเรือและเรือข้ามฟาก ไม่ใช่ด้วยสะพาน",
            ),
            (
                ("แม่น้ำแอมะซอนไหลลงสู่มหาสมุทรใด", "มหาสมุทรแอตแลนติก"),
                ("ลุ่มน้ำแอมะซอนปกคลุมด้วยอะไร", "ป่าฝนเขตร้อนที่ใหญ่ที่สุดในโลก"),
                ("ปลาที่มีชื่อเสียงชนิดใดอาศัยอยู่ในแม่น้ำแอมะซอน", "ปลาปิรันยา"),
                ("โดยทั่วไปผู้คนข้ามแม่น้ำแอมะซอนอย่างไร", "ด้วยเรือและเรือข้ามฟาก"),
            ),
        ),
        tr=L(
            "Amazon Nehri",
            (
                "Amazon, taşıdığı su miktarı bakımından dünyanın en büyük nehridir.",
                "Güney Amerika'yı boydan boya geçer ve Brezilya'da Atlas Okyanusu'na dökülür.",
                "Havzası, Dünya'nın en büyük tropikal yağmur ormanıyla kaplıdır.",
                "Nehirde, pirana da dahil olmak üzere binlerce balık türü yaşar.",
                "Nehrin büyük bölümünde karşıya köprüyle değil, tekne ve feribotlarla geçilir.",
            ),
            (
                ("Amazon hangi okyanusa dökülür?", "Atlas Okyanusu"),
                ("Amazon havzası neyle kaplıdır?", "Dünya'nın en büyük tropikal yağmur ormanıyla"),
                ("Amazon'da hangi tanınmış balık yaşar?", "pirana"),
                ("Amazon'un karşısına genellikle nasıl geçilir?", "tekne ve feribotlarla"),
            ),
        ),
        vi=L(
            "Sông Amazon",
            (
                "Amazon là con sông lớn nhất thế giới xét theo lượng nước mà nó mang theo.",
                "Sông chảy qua Nam Mỹ và đổ ra Đại Tây Dương ở Brazil.",
                "Lưu vực của sông được bao phủ bởi khu rừng mưa nhiệt đới lớn nhất Trái Đất.",
                "Dòng sông là nơi sinh sống của hàng nghìn loài cá, trong đó có cá piranha.",
                "Trên phần lớn chiều dài của sông, người ta không qua sông bằng cầu mà bằng thuyền và phà.",
            ),
            (
                ("Sông Amazon đổ ra đại dương nào?", "Đại Tây Dương"),
                ("Lưu vực sông Amazon được bao phủ bởi gì?", "khu rừng mưa nhiệt đới lớn nhất Trái Đất"),
                ("Loài cá nổi tiếng nào sống ở sông Amazon?", "cá piranha"),
                ("Người ta thường qua sông Amazon bằng cách nào?", "bằng thuyền và phà"),
            ),
        ),
        zh=L(
            "亚马孙河",
            (
                "按流量计算，亚马孙河是世界上最大的河流。",
                "它流经南美洲，在巴西注入大西洋。",
                "它的流域覆盖着地球上最大的热带雨林。",
                "这条河里生活着数千种鱼类，其中包括食人鱼。",
                "在这条河的大部分河段上，人们不是靠桥梁，而是乘船和渡轮过河。",
            ),
            (
                ("亚马孙河注入哪个大洋？", "大西洋"),
                ("亚马孙河的流域覆盖着什么？", "地球上最大的热带雨林"),
                ("哪种著名的鱼生活在亚马孙河里？", "食人鱼"),
                ("人们通常怎样渡过亚马孙河？", "乘船和渡轮"),
            ),
        ),
    ),
)
