"""Measures and areas while they are being recognised, and how they become interchange JSON.

Each draft keeps a confidence (0–1) per field beside its values; `to_json` gives the
samordna/plan@1 measure and `confidence_json` the parallel structure the preview shows.
"""

from dataclasses import dataclass, field


@dataclass
class MeasureDraft:
    title: str
    description: str = ""
    number: str | None = None
    responsible: list = field(default_factory=list)
    partners: list = field(default_factory=list)
    kind: str | None = None
    timing: object = None
    target_groups: list = field(default_factory=list)
    refs: list = field(default_factory=list)
    status: dict | None = None
    area: object = None
    position: int = 0
    confidence: dict = field(default_factory=dict)

    def to_json(self):
        return {
            "number": self.number,
            "title": self.title.strip(),
            "description": self.description.strip(),
            "responsible": self.responsible,
            "partners": self.partners,
            "kind": self.kind,
            "timing": self.timing,
            "target_groups": self.target_groups,
            "prevention_level": None,
            "refs": self.refs,
            "scopes": [],
            "status": self.status,
        }

    def confidence_json(self):
        fields = ("number", "title", "description", "responsible", "kind", "timing", "status")
        result = {name: round(self.confidence.get(name, 0.5), 2) for name in fields}
        result["area"] = round(self.confidence.get("area", 0.5), 2)
        return result


@dataclass
class AreaDraft:
    title: str
    number: str | None = None
    description: str = ""
    development: list = field(default_factory=list)
    measures: list = field(default_factory=list)
    confidence: float = 0.6
    declared: bool = False

    def to_json(self):
        return {
            "number": self.number,
            "title": self.title.strip(),
            "description": self.description.strip(),
            "development": list(dict.fromkeys(self.development)),
            "areas": [],
            "measures": [m.to_json() for m in self.measures],
        }

    def confidence_json(self):
        return {
            "title": round(self.confidence, 2),
            "measures": [m.confidence_json() for m in self.measures],
        }
