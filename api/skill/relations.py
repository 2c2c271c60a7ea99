"""What a taxonomy entry is to a recruiter: a skill one can require, a broad topic, a spoken language;
and how skills relate (a child under its platform, a specific tool under its general skill).

Pure and deterministic. Kept apart from the generated ``skills.json`` so a rebuild of the data file
does not lose it; names are canonical taxonomy names (compared case-insensitively).

* ``is_topic(name, category)`` – broad areas ("Backend Development", "Concurrency", "Caching",
  "Distributed Systems", soft skills, management practices) that give context but are never a
  separate must-have. Tools, languages, frameworks, platforms and certifications are skills.
* ``spoken_language(name)`` – "English", "German"… (a language requirement, not a skill).
* ``parents(name)`` – the broader skills a skill sits under (Amazon ECS → AWS, PostgreSQL → SQL).
* ``credit(required, have)`` – how much of a requirement a set of canonical profile skills meets:
  1.0 the skill itself (or a specialisation of a general requirement: PostgreSQL meets SQL),
  0.6 only its parent (AWS for Amazon ECS), 0.5 a sibling under the same parent (MySQL for PostgreSQL).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["children", "credit", "is_topic", "parents", "spoken_language"]

TOPIC_CATEGORIES = frozenset({"practice", "soft", "management", "design"})
# named skill entries in other categories that are areas, not something one installs or certifies in
_TOPIC_NAMES = frozenset(
    s.lower()
    for s in (
        "REST APIs",
        "Microservices",
        "Serverless",
        "Message Queues",
        "Event-Driven Architecture",
        "Domain-Driven Design",
        "API Design",
        "WebSockets",
        "NoSQL",
        "Relational Databases",
        "Database Design",
        "Vector Databases",
        "Cloud Computing",
        "Multi-Cloud",
        "CI/CD",
        "DevOps",
        "Site Reliability Engineering",
        "Infrastructure as Code",
        "GitOps",
        "Observability",
        "Networking",
        "Version Control",
        "Data Engineering",
        "ETL",
        "Data Analysis",
        "Data Visualization",
        "Statistics",
        "A/B Testing",
        "Data Warehousing",
        "Business Intelligence",
        "Big Data",
        "Data Governance",
        "Machine Learning",
        "Deep Learning",
        "Artificial Intelligence",
        "Natural Language Processing",
        "Computer Vision",
        "Large Language Models",
        "Prompt Engineering",
        "Retrieval-Augmented Generation",
        "MLOps",
        "Reinforcement Learning",
        "Recommender Systems",
        "Time Series Analysis",
        "Feature Engineering",
        "Data Science",
        "Neural Networks",
        "Application Security",
        "Cybersecurity",
        "Penetration Testing",
        "Identity and Access Management",
        "Cryptography",
        "Security Compliance",
        "DevSecOps",
        "Zero Trust",
        "Vulnerability Management",
        "Unit Testing",
        "Integration Testing",
        "End-to-End Testing",
        "Test Automation",
        "Test-Driven Development",
        "Behavior-Driven Development",
        "Load Testing",
        "Quality Assurance",
        "Accessibility",
        "Responsive Design",
        "Web Components",
        "Mobile Development",
    )
)
# skills that are also areas but that recruiters do list as requirements keep their skill status
_SKILL_IN_TOPIC_CATEGORY = frozenset(s.lower() for s in ("Unity", "Unreal Engine", "ITIL", "SEO", "Scrum", "Figma"))

_SPOKEN = frozenset(
    s.lower() for s in ("English", "German", "French", "Spanish", "Dutch", "Portuguese", "Italian", "Polish", "Swedish")
)

# child -> parents (broader skill or platform)
_PARENTS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        (
            "AWS Lambda",
            "Amazon S3",
            "Amazon EC2",
            "Amazon ECS",
            "Amazon EKS",
            "Amazon SQS",
            "Amazon RDS",
            "CloudFormation",
            "DynamoDB",
            "Amazon Redshift",
            "Amazon SageMaker",
        ),
        ("AWS",),
    ),
    **dict.fromkeys(("Google Kubernetes Engine", "Cloud Run", "BigQuery", "Vertex AI"), ("Google Cloud",)),
    **dict.fromkeys(("Azure DevOps", "Azure Functions"), ("Microsoft Azure",)),
    **dict.fromkeys(
        (
            "PostgreSQL",
            "MySQL",
            "MariaDB",
            "SQLite",
            "Microsoft SQL Server",
            "Oracle Database",
            "CockroachDB",
            "TimescaleDB",
            "Snowflake",
            "ClickHouse",
        ),
        ("SQL",),
    ),
    **dict.fromkeys(("MongoDB", "Cassandra", "CouchDB", "Couchbase", "ScyllaDB", "Neo4j"), ("NoSQL",)),
    "Amazon EKS": ("AWS", "Kubernetes"),
    "Google Kubernetes Engine": ("Google Cloud", "Kubernetes"),
    "OpenShift": ("Kubernetes",),
    "Helm": ("Kubernetes",),
    "Spring Boot": ("Spring", "Java"),
    "Next.js": ("React",),
    "Remix": ("React",),
    "Gatsby": ("React",),
    "React Native": ("React",),
    "Nuxt.js": ("Vue.js",),
    "Django": ("Python",),
    "Flask": ("Python",),
    "FastAPI": ("Python",),
    "Pandas": ("Python",),
    "Ruby on Rails": ("Ruby",),
    "Laravel": ("PHP",),
    "Symfony": ("PHP",),
    "ASP.NET": (".NET",),
    "Express": ("Node.js",),
    "NestJS": ("Node.js", "TypeScript"),
    "Kafka Streams": ("Apache Kafka",),
    "GitHub Actions": ("CI/CD",),
    "GitLab CI": ("CI/CD",),
    "CircleCI": ("CI/CD",),
    "Jenkins": ("CI/CD",),
    "Travis CI": ("CI/CD",),
    "Terraform": ("Infrastructure as Code",),
    "Pulumi": ("Infrastructure as Code",),
    "TensorFlow": ("Deep Learning",),
    "PyTorch": ("Deep Learning",),
    "Keras": ("Deep Learning",),
    "scikit-learn": ("Machine Learning",),
    "Power BI": ("Business Intelligence",),
    "Tableau": ("Business Intelligence",),
    "Looker": ("Business Intelligence",),
    "Metabase": ("Business Intelligence",),
    "TypeScript": ("JavaScript",),
}


def _all_parents() -> dict[str, tuple[str, ...]]:
    """The curated parents above, plus the shipped taxonomy's direct `broader` relations (built by
    tools/build_taxonomy.py), so a service the taxonomy knows (Amazon ElastiCache) sits under its
    platform here too. One merged map; the curated entries come first."""
    from api.skill.taxonomy import default_taxonomy

    merged = {k.lower(): [p.lower() for p in v] for k, v in _PARENTS.items()}
    for entry in default_taxonomy().entries:
        for parent in entry.broader:
            found = merged.setdefault(entry.name.lower(), [])
            if parent.lower() not in found and parent.lower() != entry.name.lower():
                found.append(parent.lower())
    return {k: tuple(v) for k, v in merged.items()}


_PARENTS_LC = _all_parents()
_CHILDREN_LC: dict[str, tuple[str, ...]] = {}
for _c, _ps in _PARENTS_LC.items():
    for _p in _ps:
        _CHILDREN_LC[_p] = (*_CHILDREN_LC.get(_p, ()), _c)


def is_topic(name: str, category: str | None) -> bool:
    key = name.lower()
    if key in _SPOKEN or key in _SKILL_IN_TOPIC_CATEGORY:
        return False
    return key in _TOPIC_NAMES or (category in TOPIC_CATEGORIES)


def spoken_language(name: str) -> bool:
    return name.lower() in _SPOKEN


def parents(name: str) -> tuple[str, ...]:
    """Lower-cased broader skills of ``name``."""
    return _PARENTS_LC.get(name.lower(), ())


def children(name: str) -> tuple[str, ...]:
    return _CHILDREN_LC.get(name.lower(), ())


def credit(required: str, have: Iterable[str]) -> tuple[float, str | None]:
    """(0..1, the profile skill that gave it) for one required skill; ``have`` lower-cased canonical names."""
    got = set(have)
    key = required.lower()
    if key in got:
        return 1.0, key
    for c in children(key):
        if c in got:
            return 1.0, c
        for gc in children(c):
            if gc in got:
                return 1.0, gc
    for p in parents(key):
        if p in got:
            return 0.6, p
    for p in parents(key):
        for sib in children(p):
            if sib != key and sib in got:
                return 0.5, sib
    return 0.0, None


# areas shown by the tools one uses: a profile with Django and PostgreSQL does backend development
_AREA_SKILLS: dict[str, tuple[str, ...]] = {
    "Backend Development": (
        "FastAPI",
        "Django",
        "Flask",
        "Spring Boot",
        "Spring",
        "Node.js",
        "Express",
        "NestJS",
        "Ruby on Rails",
        ".NET",
        "ASP.NET",
        "Laravel",
        "Go",
        "Java",
        "PostgreSQL",
        "MySQL",
        "Redis",
        "REST APIs",
        "Microservices",
        "Python",
        "Ruby",
        "PHP",
        "C#",
        "Kotlin",
        "Rust",
        "Scala",
        "SQL",
        "Apache Kafka",
        "RabbitMQ",
        "gRPC",
    ),
    "Frontend Development": (
        "React",
        "Vue.js",
        "Angular",
        "Svelte",
        "Next.js",
        "Nuxt.js",
        "CSS",
        "HTML",
        "TypeScript",
        "JavaScript",
        "Tailwind CSS",
    ),
    "Full-Stack Development": ("React", "Vue.js", "Angular", "Node.js", "Django", "Ruby on Rails", "TypeScript"),
    "Mobile Development": ("Android", "iOS", "Kotlin", "Swift", "Flutter", "React Native", "Jetpack Compose", "SwiftUI"),
    "Data Science": ("scikit-learn", "Pandas", "Statistics", "Machine Learning", "R", "PyTorch", "TensorFlow", "XGBoost"),
    "Machine Learning": ("scikit-learn", "PyTorch", "TensorFlow", "XGBoost", "Keras", "Deep Learning", "MLflow", "Hugging Face"),
    "Deep Learning": ("PyTorch", "TensorFlow", "Keras", "JAX"),
    "Artificial Intelligence": ("Machine Learning", "PyTorch", "TensorFlow", "Hugging Face", "LangChain", "OpenAI API"),
    "Data Engineering": ("Apache Spark", "Apache Airflow", "dbt", "Apache Kafka", "ETL", "Snowflake", "BigQuery", "Apache Beam"),
    "Data Analysis": ("SQL", "Excel", "Tableau", "Power BI", "Pandas", "Looker", "Statistics"),
    "Business Intelligence": ("Tableau", "Power BI", "Looker", "Metabase", "SQL"),
    "DevOps": ("Kubernetes", "Terraform", "Ansible", "Docker", "CI/CD", "Jenkins", "GitHub Actions", "Prometheus", "Helm"),
    "Site Reliability Engineering": ("Kubernetes", "Prometheus", "Grafana", "Terraform", "Linux", "Datadog", "Go"),
    "Infrastructure as Code": ("Terraform", "Pulumi", "CloudFormation", "Ansible"),
    "Observability": ("Prometheus", "Grafana", "Datadog", "OpenTelemetry", "New Relic", "Splunk", "ELK Stack"),
    "CI/CD": ("GitHub Actions", "GitLab CI", "Jenkins", "CircleCI", "Argo CD"),
    "Cloud Computing": ("AWS", "Google Cloud", "Microsoft Azure"),
    "Product Management": ("Roadmapping", "OKRs", "Product Management"),
    "Cybersecurity": ("Application Security", "Penetration Testing", "SIEM", "OWASP"),
}
_AREA_SKILLS_LC = {k.lower(): tuple(s.lower() for s in v) for k, v in _AREA_SKILLS.items()}
# traits anyone may list: they hint at an area, they do not show it
_SOFT_SHOWING = frozenset(s.lower() for s in ("Communication", "Customer Focus", "Negotiation", "Teamwork", "Leadership"))


def area_credit(topic: str, have: Iterable[str]) -> float:
    """0..1: the topic itself or its specialisations (credit), else the tools that show it: 0.6 for one,
    1 for two; a soft skill ("Communication", "Customer Focus") shows an area half as much as a tool."""
    got = set(have)
    direct, _ = credit(topic, got)
    shown = sum(0.5 if s in _SOFT_SHOWING else 1.0 for s in _AREA_SKILLS_LC.get(topic.lower(), ()) if s in got)
    return max(direct, 1.0 if shown >= 2 else 0.6 * shown)


# role families a title names that the skills taxonomy has no entry for, and the skills that show them
_TITLE_AREAS: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (
        re.compile(r"\b(?:account executive|account manager|sales|business development|bdr|sdr)\b", re.I),
        "Sales",
        ("Salesforce", "HubSpot", "Negotiation", "Customer Focus"),
    ),
    (
        re.compile(r"\b(?:customer success|customer support|support engineer|technical support|help ?desk)\b", re.I),
        "Customer Support",
        ("Customer Focus", "Jira", "ServiceNow", "Communication", "SQL", "Linux"),
    ),
    (
        re.compile(r"\b(?:marketing|growth|seo|content)\b", re.I),
        "Marketing",
        ("SEO", "Google Analytics", "HubSpot", "A/B Testing", "WordPress"),
    ),
    (
        re.compile(r"\b(?:data analyst|analytics|business analyst|bi analyst)\b", re.I),
        "Data Analysis",
        (),
    ),
)
for _rx, _area, _skills in _TITLE_AREAS:
    if _skills:
        _AREA_SKILLS_LC[_area.lower()] = tuple(s.lower() for s in _skills)


def title_areas(title: str | None) -> list[str]:
    """Role families the title names ("Account Executive" -> Sales)."""
    return [area for rx, area, _ in _TITLE_AREAS if title and rx.search(title)]
