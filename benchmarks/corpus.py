"""A synthetic corpus of case notes for benchmarks (invented people and places, reproducible)."""
from __future__ import annotations

import random

FIRST_F = ["Kerry", "Sadia", "Joanne", "Chloe", "Leanne", "Amy", "Megan", "Paula", "Hannah", "Rebecca", "Zoe",
           "Gemma", "Aisha", "Fatima", "Olivia", "Tina", "Jade", "Holly", "Nicole", "Ruth", "Grace", "Priya"]
FIRST_M = ["Dean", "Imran", "Lee", "Jamie", "Paul", "Mark", "Connor", "Aaron", "Scott", "Nathan", "Callum",
           "Wayne", "Ryan", "Kyle", "Gary", "Ross", "Tariq", "Shaun", "David", "Marcus", "Ben", "Carl"]
SURNAMES = ["Walsh", "Marsh", "Rahman", "Price", "Cartwright", "Barker", "Foster", "Grady", "Clarke", "Lowry",
            "Shaw", "Greaves", "Moore", "Young", "Cole", "Pickering", "Lane", "Okoro", "Hale", "Begum", "Kemp",
            "Brennan", "Stead", "Harker", "Ward", "Atkins", "Fielding", "Kirk", "Royle", "Hurst", "Finch"]
STREETS = ["Fern Road", "Orchard Way", "Mill Street", "Birch Avenue", "Willow Grove", "Elm Terrace", "Ash Lane",
           "Rowan Court", "Hazel Grove", "Maple Street", "Thorn Street", "Pine View", "Cedar Road", "Aspen Way"]
RELATION = ["partner", "ex-partner", "husband", "boyfriend", "former partner", "ex-husband"]

# Neutral, good-practice sentences of a DA note; JUDGEMENTAL ones are mixed in rarely, since
# judgemental wording is in a few percent of real notes (QUALITY.md).
DA_SENTENCES = [
    "{S} told me that her {rel}, {P}, has been {act} her and taking her bank card.",
    "During the routine enquiry I asked whether anyone at home had hurt or frightened her.",
    "She said this has been going on for about {n} months and has got worse since she left.",
    "{S} disclosed without being asked that {P} {pact} her at their home, {addr}, on {day}.",
    "She has {k} children, {c1} ({a1}) and {c2} ({a2}), who live with her.",
    "She is not pregnant.", "She is {n} weeks pregnant.", "She has no children.",
    "We completed a DASH together: score {score}, {level} risk.",
    "With her consent I referred her to Nottinghamshire Women's Aid and gave her the 24-hour helpline number.",
    "We discussed temporary accommodation, sanctuary measures and a non-molestation order.",
    "No other agencies are involved.", "The police attended and the police investigation is ongoing.",
    "Safe contact: her mobile, 07700 900{d3}, after {h}:00, texts only.",
    "I have made a MARAC referral and a MASH referral for the children.",
    "I booked a follow-up appointment for {day} at {h}:30 at the Civic Centre.",
    "She said she is staying with her sister on {street} for now.",
    "I explained how we store her information and when we would have to share it.",
]
JUDGEMENTAL = [
    "{S} refused to engage with the outreach worker and has now disengaged from support.",
    "She claims that {P} threatened to kill her if she leaves.",
    "They have a volatile relationship and she has a history of abusive relationships.",
    "I consider this low risk as he is working away.",
    "{S} was hostile when I asked for more detail.",
    "{P} refused to leave the property and was aggressive towards the security officer.",
    "Her Universal Credit claim is in payment and I have asked her to bring a statement.",
    "I strongly believe she is minimising what is happening.",
    "She let him back in at the weekend because he was crying outside.",
]
NON_DA_SENTENCES = [
    "Rent account reviewed: the balance is £{money} in arrears after the last payment on {day}.",
    "I called {S} at {h}:15 to confirm the viewing of the two-bedroom flat at {addr}.",
    "The tenancy sign-up is booked for {day} at {h}:00 with the housing officer.",
    "A repair was raised to replace the kitchen extractor fan; the job number is R{d3}{n}.",
    "The gas safety certificate for {addr} is valid until next March.",
    "He asked for a copy of his tenancy agreement, which I have posted to him today.",
    "The communal hallway lights on {street} are working again after the electrician's visit.",
    "Mrs {surname} said the damp in the back bedroom has improved since the new vent was fitted.",
    "We agreed that the estate officer will inspect the garden fence on {day}.",
    "His direct debit will now be taken on the {n}th of each month.",
    "I have added a note to contact him by letter rather than by phone.",
    "The property was inspected and is ready to let after the decoration is finished.",
    "She asked to join the garden improvement scheme and I sent her the form.",
    "The mutual exchange application has been passed to the lettings team for checks.",
    "I gave him the number for the Money Advice team and explained the budgeting support.",
    "The void property at {addr} has new flooring and a new boiler.",
    "{S} phoned at {h}:40 to report that the boiler had failed overnight.",
    "Our heating contractor attended at {h}:00, investigated the fault and replaced a failed valve.",
    "Mr {surname} asked about his Housing Benefit claim, so I transferred him to the benefits team.",
    "The refuse collection on {street} was missed last Tuesday and I have logged this.",
    "His application to join the housing register was refused because of former tenant arrears of £{money}.",
    "The fire risk assessment for the block was reviewed in June and rated low risk.",
    "We agreed a payment plan of £{n} a week from {day}.",
    "I explained the reasons for the decision and his right to ask for a review within 21 days.",
    "The lift failed its insurance inspection and is out of service until the motor is fitted.",
    "The smoke alarm is triggered every time he cooks, so I have asked the electrician to fit a heat alarm.",
    "Access to the meter cupboard was difficult because of stored furniture.",
    "Mrs {surname} asked about her insurance claim for the leak and I gave her the claim reference.",
]
# A DA team's export (QUALITY.md): nearly every note about domestic abuse, about two findings each, with
# dates, phone numbers, postcodes and amounts in the text.
DA_TEAM_SENTENCES = DA_SENTENCES + [
    "On {date} she rang from 07700 900{d3} to say {P} had been outside the house again.",
    "She is staying with her mother at {addr}, {postcode}, until the locks are changed.",
    "He took £{money} from her account on {date} without asking.",
    "The police log for {date} (ref {d3}/{n}) records that {P} was arrested and bailed.",
    "Her new mobile is 07700 900{d3}; voicemail is not safe.",
]
ACTS = ["pushing", "hitting", "threatening", "following", "controlling", "punching"]
PACTS = ["punched", "slapped", "strangled", "kicked", "pushed", "grabbed"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _fill(template: str, rnd: random.Random) -> str:
    return template.format(
        S=f"Ms {rnd.choice(FIRST_F)} {rnd.choice(SURNAMES)}", P=f"{rnd.choice(FIRST_M)} {rnd.choice(SURNAMES)}",
        rel=rnd.choice(RELATION), act=rnd.choice(ACTS), pact=rnd.choice(PACTS),
        addr=f"{rnd.randint(1, 99)} {rnd.choice(STREETS)}", street=rnd.choice(STREETS), day=rnd.choice(DAYS),
        n=rnd.randint(2, 30), k=rnd.choice(["two", "three"]), c1=rnd.choice(FIRST_F), c2=rnd.choice(FIRST_M),
        a1=rnd.randint(1, 15), a2=rnd.randint(1, 15), score=rnd.randint(3, 22),
        level=rnd.choice(["standard", "medium", "high"]), d3=rnd.randint(100, 999), h=rnd.randint(8, 20),
        surname=rnd.choice(SURNAMES), money=f"{rnd.randint(100, 3000)}.{rnd.randint(10, 99)}",
        date=f"{rnd.randint(1, 28):02d}/{rnd.randint(1, 12):02d}/2026",
        postcode=f"NG{rnd.randint(1, 22)} {rnd.randint(1, 9)}{rnd.choice('ABDEFGHJ')}{rnd.choice('LNPQRSTUW')}",
    )


KINDS = ("mixed", "da-team")


def make_note(rnd: random.Random, min_words: int = 80, max_words: int = 300, kind: str = "mixed") -> str:
    """A note of 80-300 words.  mixed: a third are about domestic abuse, the rest housing business;
    da-team: nearly all about domestic abuse, with dates, phones, postcodes and about two findings each."""
    if kind == "da-team":
        da, bank, judgemental = rnd.random() < 0.95, DA_TEAM_SENTENCES, 0.2
    else:
        da, judgemental = rnd.random() < 0.33, 0.04
        bank = DA_SENTENCES
    bank = bank if da else NON_DA_SENTENCES
    target = rnd.randint(min_words, max_words)
    out: list[str] = []
    words = 0
    while words < target:
        s = _fill(rnd.choice(JUDGEMENTAL if da and rnd.random() < judgemental else bank), rnd)
        out.append(s)
        words += len(s.split())
    return " ".join(out)


def make_corpus(n: int, seed: int = 7, kind: str = "mixed") -> list[str]:
    rnd = random.Random(seed)
    return [make_note(rnd, kind=kind) for _ in range(n)]
