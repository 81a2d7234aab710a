# ruff: noqa: E501  (tables of phrases: one pair per line reads best)
"""Phrase tables for the synthetic collection: UN-style wording, written for this benchmark.

Every entry is a ``(zh, en)`` pair that says the same thing in both languages, so that a
generated document has the same paragraphs, footnotes and references in each. ``{s}`` is
the subject of the agenda item (a noun phrase), ``{n}`` the next session in words.
"""

from __future__ import annotations

# Subjects of agenda items: (zh, en, committee). None = plenary (no Main Committee).
SUBJECTS: tuple[tuple[str, str, str | None], ...] = (
    ("核裁军领域的多边谈判", "multilateral negotiations on nuclear disarmament", "first"),
    ("常规武器的透明度", "transparency in conventional armaments", "first"),
    ("信息和通信技术的安全使用", "the secure use of information and communications technologies", "first"),
    ("小武器和轻武器非法贸易的防止", "the prevention of the illicit trade in small arms and light weapons", "first"),
    ("化学和生物武器的不扩散", "the non-proliferation of chemical and biological weapons", "first"),
    ("外层空间的和平利用", "the peaceful uses of outer space", "fourth"),
    ("维持和平行动的全面审查", "the comprehensive review of peacekeeping operations", "fourth"),
    ("地雷行动援助", "assistance in mine action", "fourth"),
    ("可持续农业发展", "sustainable agricultural development", "second"),
    ("发展筹资", "financing for development", "second"),
    ("减少灾害风险", "disaster risk reduction", "second"),
    ("数字合作与数字鸿沟的弥合", "digital cooperation and the bridging of the digital divide", "second"),
    ("内陆发展中国家的过境运输", "transit transport for landlocked developing countries", "second"),
    ("妇女和女童的权利", "the rights of women and girls", "third"),
    ("种族主义和种族歧视的消除", "the elimination of racism and racial discrimination", "third"),
    ("难民和流离失所者的保护", "the protection of refugees and displaced persons", "third"),
    ("老年人的权利", "the rights of older persons", "third"),
    ("青年参与决策", "the participation of young people in decision-making", "third"),
    ("国际法的逐渐发展", "the progressive development of international law", "sixth"),
    ("国家和国际两级的法治", "the rule of law at the national and international levels", "sixth"),
    ("外交人员的保护", "the protection of diplomatic agents", "sixth"),
    ("海洋和海洋法", "oceans and the law of the sea", None),
    ("全球卫生与外交政策", "global health and foreign policy", None),
    ("人道主义援助的协调", "the coordination of humanitarian assistance", None),
    ("体育促进发展与和平", "sport for development and peace", None),
)

# How the title begins: (zh verb placed before the subject, en gerund).
ACTIONS: tuple[tuple[str, str], ...] = (
    ("促进", "Promoting"),
    ("加强", "Strengthening"),
    ("推进", "Advancing"),
    ("支持", "Supporting"),
    ("巩固", "Consolidating"),
)

# Where the title ends: (zh placed before the verb, en placed after the subject).
CONTEXTS: tuple[tuple[str, str], ...] = (
    ("", ""),
    ("在国际安全领域", "in the context of international security"),
    ("为可持续发展", "for sustainable development"),
    ("在区域和次区域各级", "at the regional and subregional levels"),
    ("在全球范围内", "at the global level"),
    ("为今世后代", "for present and future generations"),
)

# Preambular openings followed by a clause ("that …" in English).
THAT_OPENINGS: tuple[tuple[str, str], ...] = (
    ("重申", "Reaffirming"),
    ("认识到", "Recognizing"),
    ("强调", "Stressing"),
    ("深信", "Convinced"),
    ("铭记", "Bearing in mind"),
    ("确认", "Acknowledging"),
    ("考虑到", "Considering"),
    ("意识到", "Conscious"),
)

# Preambular openings followed by a noun phrase.
NP_OPENINGS: tuple[tuple[str, str], ...] = (
    ("欢迎", "Welcoming"),
    ("注意到", "Noting"),
    ("赞赏", "Appreciating"),
    ("关切地注意到", "Noting with concern"),
    ("强调", "Emphasizing"),
    ("重申", "Reaffirming"),
    ("承认", "Recognizing"),
)

THAT_CLAUSES: tuple[tuple[str, str], ...] = (
    ("{s}对于维护国际和平与安全具有重要意义", "{s} is of great importance for the maintenance of international peace and security"),
    ("所有会员国都应在{s}方面履行其根据国际法承担的义务", "all Member States should fulfil their obligations under international law with regard to {s}"),
    ("在{s}方面取得的进展有助于实现可持续发展目标", "progress made in {s} contributes to the achievement of the Sustainable Development Goals"),
    ("各国、国际组织和民间社会之间的合作对{s}不可或缺", "cooperation among States, international organizations and civil society is indispensable to {s}"),
    ("发展中国家在{s}方面面临特殊挑战", "developing countries face particular challenges in {s}"),
    ("联合国在{s}方面发挥着核心作用", "the United Nations plays a central role in {s}"),
    ("能力建设和技术援助是{s}的重要组成部分", "capacity-building and technical assistance are essential components of {s}"),
    ("必须以全面、平衡和非歧视的方式处理{s}问题", "the question of {s} must be addressed in a comprehensive, balanced and non-discriminatory manner"),
    ("区域组织可以为{s}作出宝贵贡献", "regional organizations can make a valuable contribution to {s}"),
    ("妇女充分、平等和切实参与对{s}至关重要", "the full, equal and meaningful participation of women is essential to {s}"),
    ("新出现的技术既为{s}带来机遇，也带来风险", "emerging technologies bring both opportunities and risks for {s}"),
    ("充足和可预测的资源是有效开展{s}工作的前提", "adequate and predictable resources are a prerequisite for effective work on {s}"),
)

NP_CLAUSES: tuple[tuple[str, str], ...] = (
    ("国际社会为{s}所作的努力", "the efforts made by the international community in support of {s}"),
    ("在{s}方面开展国际合作的重要性", "the importance of international cooperation on {s}"),
    ("各会员国就{s}提交的资料", "the information submitted by Member States on {s}"),
    ("联合国各实体在{s}方面开展的工作", "the work carried out by the entities of the United Nations system on {s}"),
    ("为{s}举办的各次区域讲习班的成果", "the outcomes of the regional workshops organized on {s}"),
    ("会员国在{s}方面的经验和最佳做法的交流", "the exchange of experience and best practices among Member States on {s}"),
    ("{s}方面仍然存在的差距和挑战", "the gaps and challenges that remain with regard to {s}"),
    ("专家组关于{s}的讨论", "the discussions of the group of experts on {s}"),
    ("民间社会、学术界和私营部门对{s}的贡献", "the contribution of civil society, academia and the private sector to {s}"),
)

# Operative paragraphs: (zh, en). The verb opens the paragraph.
OPERATIVE: tuple[tuple[str, str], ...] = (
    ("敦促所有会员国进一步努力推动{s}", "Urges all Member States to make further efforts to advance {s}"),
    ("鼓励会员国交流在{s}方面的经验和良好做法", "Encourages Member States to exchange experience and good practices in {s}"),
    ("吁请有能力的国家向发展中国家提供{s}方面的技术援助", "Calls upon States in a position to do so to provide technical assistance in {s} to developing countries"),
    ("邀请各区域和次区域组织加强在{s}方面的协调", "Invites regional and subregional organizations to strengthen coordination on {s}"),
    ("强调需要为{s}调动充足的资源", "Stresses the need to mobilize adequate resources for {s}"),
    ("欢迎各国为促进{s}而采取的举措", "Welcomes the initiatives taken by States to promote {s}"),
    ("重申联合国在{s}方面的核心作用", "Reaffirms the central role of the United Nations in {s}"),
    ("鼓励联合国各相关实体在各自任务范围内支持{s}", "Encourages the relevant United Nations entities to support {s} within their respective mandates"),
    ("促请会员国将{s}纳入其国家政策和方案", "Urges Member States to integrate {s} into their national policies and programmes"),
    ("请秘书长继续就{s}征求会员国的意见", "Requests the Secretary-General to continue to seek the views of Member States on {s}"),
    ("吁请所有国家在{s}方面充分履行其国际义务", "Calls upon all States to comply fully with their international obligations relating to {s}"),
    ("赞扬民间社会为提高公众对{s}的认识而作的努力", "Commends the efforts of civil society to raise public awareness of {s}"),
    ("鼓励在{s}方面加强南南合作和三方合作", "Encourages the strengthening of South-South and triangular cooperation on {s}"),
    ("决定继续审议{s}问题", "Decides to remain seized of the question of {s}"),
)

# Sub-paragraphs after an operative paragraph that ends with a colon.
SUB_INTRO: tuple[tuple[str, str], ...] = (
    ("鼓励会员国酌情", "Encourages Member States, as appropriate"),
    ("吁请所有国家", "Calls upon all States"),
    ("请秘书长在现有资源范围内", "Requests the Secretary-General, within existing resources"),
)
SUB_ITEMS: tuple[tuple[str, str], ...] = (
    ("制定关于{s}的国家战略", "To develop national strategies on {s}"),
    ("收集和分享关于{s}的数据", "To collect and share data on {s}"),
    ("为{s}方面的培训和教育提供支持", "To support training and education in {s}"),
    ("审查与{s}有关的国家立法", "To review national legislation relevant to {s}"),
    ("促进各利益攸关方之间关于{s}的对话", "To promote dialogue among all stakeholders on {s}"),
    ("向大会报告在{s}方面取得的进展", "To report to the General Assembly on progress made in {s}"),
)

# Endings that lengthen a clause: (zh appended after "，", en appended after ", ").
EXTENSIONS: tuple[tuple[str, str], ...] = (
    ("同时考虑到各国的国情和优先事项", "taking into account national circumstances and priorities"),
    ("包括通过交流信息和经验", "including through the exchange of information and experience"),
    ("特别是在发展中国家", "in particular in developing countries"),
    ("并符合《联合国宪章》的宗旨和原则", "in accordance with the purposes and principles of the Charter of the United Nations"),
    ("同时避免工作重复", "while avoiding duplication of work"),
    ("并酌情与相关利益攸关方协商", "in consultation with relevant stakeholders, as appropriate"),
    ("以期取得切实成果", "with a view to achieving concrete results"),
)

# Names of the Main Committees as printed in a report line.
COMMITTEE_REPORT: dict[str, tuple[str, str]] = {
    "first": ("第一委员会", "First Committee"),
    "second": ("第二委员会", "Second Committee"),
    "third": ("第三委员会", "Third Committee"),
    "fourth": ("特别政治和非殖民化委员会(第四委员会)", "Special Political and Decolonization Committee (Fourth Committee)"),
    "fifth": ("第五委员会", "Fifth Committee"),
    "sixth": ("第六委员会", "Sixth Committee"),
}
COMMITTEE_NUMBER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
