"""Developer tool (not part of the runtime package): regenerate ``api/skill/data/skills.json``.

Not used at run or test time.  The runtime taxonomy only reads the generated
``skills.json``.  Run it by hand when the curated seed below changes::

    .venv/bin/python tools/build_skill_data.py ../shared/data/taxonomy

The curated SEED decides *which* skills exist, their display name, category and
hand-written aliases.  The two MIT-licensed upstream sources (see
``data/SOURCES.md``) only contribute extra aliases:

* github-linguist ``languages.yml`` – ``aliases`` of programming languages
  (only for entries of category ``language`` whose name matches a linguist
  language name).
* microsoft SkillsExtractorCognitiveSearch ``skills.json`` – ``aliases`` and
  the ``displayName`` of the matching slug, and ``skill_patterns.jsonl`` –
  multi-token surface forms of the same slug.

Seed syntax: one skill per line, ``Display Name | alias, alias, ...``.
Surface-form markers (on the name or an alias):

* ``^form``  – only extracted from free text when written with exactly this case
* ``~form``  – case-exact AND only in a skills context (ambiguous words: Go, R, C)
* ``!form``  – accepted by ``canonical()`` but never extracted from free text
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

SEED = """
# language
Python | !py, python3, python 2, python 3, cpython
JavaScript | ^JS, ecmascript, es6, es2015, vanilla js, vanilla javascript
TypeScript | ^TS
Java | java 8, java 11, java 17, java 21, core java
Kotlin
~Go | golang, go lang
^Rust | rustlang
C++ | cpp, cplusplus, c plus plus
~C | ansi c, c language, c99, c11
C# | csharp, c sharp
^Ruby
PHP | php7, php8
~Swift | swift ui
Objective-C | objc, obj-c, objective c
Scala
~R | r language, rstats, r programming
^Julia
Perl
Haskell
Elixir
Erlang
Clojure
F# | fsharp
^Dart
Lua
MATLAB
^Groovy
Visual Basic | vb.net, vba, vb
Fortran
COBOL
^Assembly | assembler, asm, x86 assembly
Solidity
^Zig
OCaml
Shell Scripting | shell script, shell scripts, !shell, bash scripting
Bash
PowerShell | posh
SQL | structured query language
PL/SQL | plsql
T-SQL | tsql, transact-sql
HTML | html5
CSS | css3
Sass | scss
Less CSS | ^LESS
GraphQL | gql
WebAssembly | wasm
^Apex
ABAP
VHDL
Verilog | systemverilog
^Elm
^Crystal
^Nim

# frontend
React | react.js, reactjs, react js
Angular | angular.js, angularjs, angular 2
Vue.js | vue, vuejs, vue js, vue 3
Svelte | sveltekit
Next.js | nextjs, next js
Nuxt.js | nuxt, nuxtjs
Redux | redux toolkit
jQuery
Tailwind CSS | tailwind, tailwindcss
^Bootstrap
Material UI | mui, material-ui
Webpack
^Vite | vitejs
^Babel
Storybook
Ember.js | emberjs, ^Ember
Backbone.js | backbonejs
^Gatsby | gatsbyjs
^Remix
D3.js | d3, d3js
Three.js | threejs
RxJS
Web Components
Accessibility | a11y, wcag, web accessibility
Responsive Design | responsive web design
HTMX

# mobile
iOS | ios development
Android | android development, android sdk
React Native | react-native
^Flutter
SwiftUI
Jetpack Compose
Xamarin
^Ionic
Mobile Development | mobile apps, mobile app development

# backend
Node.js | nodejs, node js, ~Node
^Express | express.js, expressjs
NestJS | nest.js
Deno
Django | django rest framework, drf
^Flask
FastAPI | fast api
~Spring | spring framework
Spring Boot | springboot
Ruby on Rails | rails, ror, rubyonrails
Laravel
Symfony
.NET | dotnet, dot net, .net core, .net framework
ASP.NET | asp.net core, aspnet
Entity Framework | ef core
Hibernate
~Phoenix
^Gin
Ktor
Quarkus
Micronaut
gRPC | grpc
REST APIs | !rest, ^REST, restful, rest api, restful apis, restful services, rest apis
Microservices | microservice, micro-services, microservice architecture
Serverless
WebSockets | websocket
OAuth | oauth2, oauth 2.0
OpenAPI | swagger
^Celery
RabbitMQ | rabbit mq
Apache Kafka | kafka
Redis
Memcached
Nginx
Apache HTTP Server | apache httpd, ^httpd
Message Queues | message queue, message broker, message brokers
Event-Driven Architecture | event driven architecture, event-driven
Domain-Driven Design | ddd, domain driven design
API Design | api development

# database
PostgreSQL | postgres, psql, postgre, postgresql
MySQL
MariaDB
SQLite
Microsoft SQL Server | sql server, mssql, ms sql
Oracle Database | oracle db, ^Oracle
MongoDB | mongo
^Cassandra | apache cassandra
DynamoDB | dynamo db, amazon dynamodb
Elasticsearch | elastic search, !elastic
OpenSearch
Neo4j
CouchDB
Couchbase
Firebase | firestore
Supabase
^Snowflake
BigQuery | big query, google bigquery
Amazon Redshift | redshift
ClickHouse
TimescaleDB
InfluxDB
CockroachDB
ScyllaDB
Databricks
Apache HBase | hbase
NoSQL
Relational Databases | rdbms, relational database
Database Design | data modeling, data modelling, schema design
SQLAlchemy
Prisma
Liquibase
Flyway
Vector Databases | vector database, pinecone, weaviate, milvus, pgvector, qdrant

# cloud
AWS | amazon web services, !amazon aws
Google Cloud | gcp, google cloud platform
Microsoft Azure | azure
AWS Lambda | ^Lambda
Amazon S3 | s3
Amazon EC2 | ec2
Amazon ECS | ecs, fargate
Amazon EKS | eks
Amazon SQS | sqs
Amazon RDS | rds
CloudFormation | aws cloudformation
Google Kubernetes Engine | gke
Cloud Run | google cloud run
Azure DevOps | azure devops services, vsts
Azure Functions
Heroku
DigitalOcean | digital ocean
Cloudflare
Vercel
Netlify
OpenStack
Cloud Computing | ^Cloud, cloud computing, cloud infrastructure, cloud native, cloud-native
Multi-Cloud | multicloud, hybrid cloud

# devops
Docker | containers, containerization, dockerfile
Kubernetes | k8s, kube
^Helm | helm charts
OpenShift
Terraform | hcl
Ansible
^Puppet
^Chef
Pulumi
^Vagrant
^Packer
Jenkins
GitHub Actions | gh actions
GitLab CI | gitlab ci/cd, gitlab-ci
CircleCI | circle ci
Travis CI
Argo CD | argocd, ^Argo
^Flux | fluxcd
CI/CD | ci cd, cicd, continuous integration, continuous delivery, continuous deployment
DevOps
Site Reliability Engineering | sre, site reliability
Infrastructure as Code | iac, infrastructure-as-code
GitOps
Linux | gnu/linux, unix, ubuntu, debian, centos, rhel, red hat
Windows Server
Prometheus
Grafana
Datadog
New Relic | newrelic
Splunk
ELK Stack | elk, elastic stack, logstash, kibana
OpenTelemetry | otel
^Jaeger
^Sentry
PagerDuty
Observability | monitoring, logging, tracing
Istio | service mesh
^Envoy
^Consul
HashiCorp Vault | ^Vault
Networking | tcp/ip, dns, load balancing, networks
Git | git version control
GitHub
GitLab
Bitbucket
Version Control | source control, svn, subversion
!Make | ^Makefile, makefiles
Bazel
Gradle
Maven
npm
^Yarn
^Nix | nixos

# data
Data Engineering | data engineer
ETL | elt, etl pipelines, data pipelines, data pipeline
Apache Spark | ^Spark, pyspark
Apache Airflow | airflow
Apache Flink | flink
Apache Beam | ^Beam
Hadoop | hdfs, mapreduce
Apache Hive | ^Hive
dbt | data build tool
^Pandas
NumPy
SciPy
Polars
Dask
Jupyter | jupyter notebook, jupyter notebooks, jupyterlab
Tableau
Power BI | powerbi
^Looker
Metabase
^Excel | microsoft excel, ms excel, spreadsheets
Data Analysis | data analytics, !analytics
Data Visualization | data viz, dataviz, visualization
Statistics | statistical analysis, statistical modeling, statistical modelling
A/B Testing | ab testing, a/b tests, experimentation, split testing
Data Warehousing | data warehouse, data warehouses, dwh, data lake, lakehouse
Business Intelligence | ^BI
Big Data
Kafka Streams
Fivetran
Airbyte
Data Governance
^SAS
SPSS
Stata

# ml
Machine Learning | ^ML, machine-learning
Deep Learning | !DL, deep-learning
Artificial Intelligence | ^AI, a.i.
Natural Language Processing | ^NLP, natural-language-processing
Computer Vision | !CV, machine vision
Large Language Models | ^LLM, ^LLMs, llm, llms, large language model, genai, generative ai, gen ai
Prompt Engineering
Retrieval-Augmented Generation | ^RAG, retrieval augmented generation
TensorFlow | tensorflow 2, !tf
PyTorch | torch
Keras
scikit-learn | sklearn, scikit learn, scikit
XGBoost
LightGBM
Hugging Face | huggingface, hugging face transformers, !transformers
LangChain
OpenAI API | openai
spaCy
NLTK
OpenCV
MLOps | ml ops, mlops
MLflow
Kubeflow
Amazon SageMaker | sagemaker
Vertex AI
Reinforcement Learning
Recommender Systems | recommendation systems, recommendation engines
Time Series Analysis | time series, forecasting
Feature Engineering
Data Science | data scientist
Neural Networks | neural network
CUDA
ONNX
^JAX

# testing
Unit Testing | unit tests, unit test
Integration Testing | integration tests
End-to-End Testing | e2e testing, e2e tests, end to end testing, e2e
Test Automation | automated testing, automation testing, qa automation
Test-Driven Development | tdd, test driven development
Behavior-Driven Development | bdd, behaviour-driven development, behavior driven development, cucumber, gherkin
pytest
JUnit
TestNG
^Jest
^Mocha
^Cypress
^Playwright
Selenium | selenium webdriver
Vitest
Testing Library | react testing library
Mockito
^Postman
Load Testing | performance testing, jmeter, k6, locust, gatling
Quality Assurance | ^QA, software testing, manual testing
Appium

# security
Application Security | appsec, secure coding
Cybersecurity | cyber security, information security, infosec
Penetration Testing | pentesting, pen testing, ethical hacking
OWASP
Identity and Access Management | ^IAM, identity management
Cryptography | encryption, tls, ssl, pki
Security Compliance | soc 2, soc2, iso 27001, gdpr, hipaa, pci dss, pci-dss
DevSecOps
SIEM
Zero Trust
Vulnerability Management | vulnerability scanning
Single Sign-On | sso, saml, openid connect, oidc
Keycloak
Auth0
JWT | json web tokens, json web token

# practice
System Design | systems design, system architecture
Software Architecture | solution architecture, !architecture, technical architecture
Distributed Systems | distributed computing
Scalability | high availability, high-availability, fault tolerance
Performance Optimization | performance tuning, profiling
Data Structures | data structures and algorithms, dsa
Algorithms
Object-Oriented Programming | oop, object oriented programming, object-oriented design, !ood
Functional Programming | !fp
Design Patterns
Clean Code | solid principles, ^SOLID
Code Review | code reviews, peer review
Agile | agile methodologies, agile development
Scrum | scrum master
Kanban
Pair Programming
Technical Documentation | documentation, technical writing
Debugging | troubleshooting
Concurrency | multithreading, multi-threading, parallel programming, async programming
Caching
Embedded Systems | !embedded, firmware, embedded software
Real-Time Systems | rtos
Blockchain | web3, smart contracts
Game Development | gamedev, game dev
^Unity | unity3d
Unreal Engine | ue4, ue5, unreal
Full-Stack Development | full stack, full-stack, fullstack
Frontend Development | front end, front-end, frontend
Backend Development | back end, back-end, backend
API Integration | third-party integrations, !integrations
Incident Management | incident response, on-call, on call
Technical Debt Management | refactoring, legacy modernization
Open Source | open-source, ^OSS
SEO | search engine optimization
Localization | l10n, i18n, internationalization

# tool
Jira | atlassian jira
Confluence
Figma
^Sketch
Adobe Photoshop | photoshop
Adobe Illustrator | illustrator
Visual Studio Code | vs code, vscode
IntelliJ IDEA | intellij
^Vim | neovim
^Slack
^Notion
Salesforce
^SAP
ServiceNow
Shopify
WordPress
^Stripe
Twilio
Zapier
HubSpot
Google Analytics | ga4
Microsoft Office | ms office, office 365, microsoft 365

# design
UX Design | ^UX, user experience, ux/ui
UI Design | ^UI, user interface design, ui/ux
User Research | usability testing, user interviews
Prototyping | wireframing, wireframes
Design Systems | design system

# soft
Communication | communication skills, written communication, verbal communication
Teamwork | collaboration, team player, cross-functional collaboration
Problem Solving | problem-solving, analytical skills, analytical thinking
Leadership | technical leadership, tech lead
Mentoring | mentorship, coaching
Stakeholder Management | stakeholder communication, stakeholder engagement
Critical Thinking
Time Management | prioritization
Presentation Skills | public speaking, presentations
Adaptability | !flexibility
Customer Focus | customer-facing, customer service, customer success
Negotiation
English | fluent english, business english, english language
German | fluent german, deutsch
French | fluent french
Spanish | fluent spanish

# management
Project Management | project manager, pmp, prince2
Product Management | product manager, product owner
Program Management
People Management | team management, line management, managing engineers, engineering management
Roadmapping | product roadmap, roadmap planning
Budgeting | budget management
Risk Management
Requirements Analysis | requirements gathering, business analysis, user stories
!Hiring | !recruiting, talent acquisition, technical interviewing
OKRs | okr, objectives and key results
^Lean | lean methodology, six sigma
ITIL
Vendor Management
Strategic Planning | !strategy
"""

# Aliases that upstream data supplies but that are too generic to keep
# (they would collide with ordinary words or with another curated skill).
ALIAS_DENYLIST = {
    "node",
    "js",
    "ts",
    "r",
    "c",
    "go",
    "sh",
    "shell",
    "html",
    "xml",
    "yaml",
    "elastic",
    "apache",
    "web",
    "data",
    "cloud",
    "design",
    "ai",
    "ml",
    "cv",
    "api",
    "net",
    "asm",
    "spark",
    "make",
    "less",
    "vim",
    "notion",
    "rusthon",
    "rs",
    "cake",
    "cakescript",
    "rake",
    "rb",
    "rbx",
    "inc",
    "octave",
    "splus",
    "the julia language",
    "wast",
    "containers",
    "node.js",
}

# curated display name -> microsoft skills.json slug (only where it differs
# from the obvious lowercase-hyphenated form)
MS_SLUG_OVERRIDES = {
    "Node.js": "node.js",
    "Vue.js": "vue.js",
    "React": "react",
    "Go": "go",
    "C++": "c++",
    "C#": "c#",
    ".NET": ".net",
    "Apache Kafka": "kafka",
    "Apache Spark": "apache-spark",
    "Google Cloud": "google-cloud-platform",
    "Microsoft Azure": "azure",
    "AWS": "amazon-web-services",
}


def _norm_form(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip())


def parse_seed(seed: str = SEED) -> list[dict]:
    entries: list[dict] = []
    cat = None
    for raw in seed.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            cat = line.lstrip("# ").strip()
            continue
        name_part, _, alias_part = line.partition("|")
        forms = [name_part.strip()] + [a.strip() for a in alias_part.split(",") if a.strip()]
        name = forms[0].lstrip("^~!")
        entry: dict = {"name": name, "category": cat, "aliases": []}
        case_exact: list[str] = []
        context: list[str] = []
        no_extract: list[str] = []
        for i, form in enumerate(forms):
            marker = form[0] if form[0] in "^~!" else ""
            clean = _norm_form(form.lstrip("^~!"))
            if i > 0 and clean.lower() != name.lower() and clean.lower() not in [a.lower() for a in entry["aliases"]]:
                entry["aliases"].append(clean)
            if marker == "^":
                case_exact.append(clean)
            elif marker == "~":
                context.append(clean)
            elif marker == "!":
                no_extract.append(clean)
        if case_exact:
            entry["case_exact"] = case_exact
        if context:
            entry["context_required"] = context
        if no_extract:
            entry["no_extract"] = no_extract
        entries.append(entry)
    return entries


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9+#.]+", "-", name.lower()).strip("-")


def enrich(entries: list[dict], taxonomy_dir: Path) -> dict:
    import yaml  # build-time only

    stats = {"linguist_aliases": 0, "ms_aliases": 0, "ms_matched": 0}
    taken = {}
    for e in entries:
        for f in [e["name"], *e["aliases"]]:
            taken.setdefault(f.lower(), e["name"])

    def add_alias(e: dict, alias: str) -> bool:
        alias = _norm_form(alias)
        low = alias.lower()
        if not alias or low in ALIAS_DENYLIST or len(low) < 2:
            return False
        if low in taken:
            return False
        taken[low] = e["name"]
        e["aliases"].append(alias)
        e.setdefault("sources", [])
        return True

    # github-linguist: aliases of programming languages
    langs = yaml.safe_load((taxonomy_dir / "github-linguist" / "languages.yml").read_text())
    by_lower = {k.lower(): v for k, v in langs.items()}
    for e in entries:
        if e["category"] != "language":
            continue
        lang = by_lower.get(e["name"].lower())
        if not lang:
            continue
        e.setdefault("sources", []).append("github-linguist")
        for a in lang.get("aliases") or []:
            if add_alias(e, a):
                stats["linguist_aliases"] += 1

    # microsoft skills extractor: display names, aliases and pattern surface forms
    ms = json.loads((taxonomy_dir / "microsoft-skills-extractor" / "skills.json").read_text())
    patterns: dict[str, list[str]] = {}
    with open(taxonomy_dir / "microsoft-skills-extractor" / "skill_patterns.jsonl") as fh:
        for line in fh:
            p = json.loads(line)
            slug = p["label"].split("|", 1)[1]
            toks = []
            for t in p["pattern"]:
                v = t.get("LOWER", t.get("TEXT", ""))
                toks.append(v)
            if all(toks):
                patterns.setdefault(slug, []).append(" ".join(toks))
    for e in entries:
        slug = MS_SLUG_OVERRIDES.get(e["name"], _slug(e["name"]))
        rec = ms.get(slug)
        if rec is None:
            continue
        stats["ms_matched"] += 1
        e.setdefault("sources", []).append("microsoft-skills-extractor")
        cands = list(rec.get("aliases") or [])
        cands += [s.get("displayName", "") for s in rec.get("sources", [])]
        cands += patterns.get(slug, [])
        for a in cands:
            # only multi-character forms that are not mere case variants
            if add_alias(e, a):
                stats["ms_aliases"] += 1
    for e in entries:
        if "sources" in e:
            e["sources"] = sorted(set(e["sources"]))
    return stats


def main(argv: list[str]) -> None:
    taxonomy_dir = Path(argv[1] if len(argv) > 1 else "/work/shared/data/taxonomy")
    entries = parse_seed()
    stats = enrich(entries, taxonomy_dir)
    out = Path(__file__).resolve().parents[1] / "api" / "skill" / "data" / "skills.json"
    payload = {
        "version": 1,
        "generated_by": "tools/build_skill_data.py",
        "sources": [
            "curated",
            "github-linguist languages.yml (MIT)",
            "microsoft/SkillsExtractorCognitiveSearch skills.json + skill_patterns.jsonl (MIT)",
        ],
        "skills": entries,
    }
    out.write_text(json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(entries)} skills to {out}; {stats}")


if __name__ == "__main__":
    main(sys.argv)
