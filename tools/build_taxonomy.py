"""Developer tool (not part of the runtime package): build ``api/skill/data/skills.json``.

The runtime taxonomy only reads the generated ``skills.json``; ``tests/skill`` checks that the
shipped file is exactly what this script makes from the committed inputs. Run it when the seed,
the relations or the inputs change (``--check`` only compares)::

    .venv/bin/python tools/build_taxonomy.py [tools/taxonomy_sources] [--check]

Inputs: the curated SEED and RELATIONS below, and the upstream files under
``tools/taxonomy_sources/`` (origin and licence in its SOURCES.md). Each skill in the output has its
``aliases``, extraction markers, the upstream ``sources`` that touched it, and ``broader`` skills.

The curated SEED decides *which* skills exist, their display name, category and
hand-written aliases.  The two MIT-licensed upstream sources (see
``api/skill/data/SOURCES.md``) only contribute extra aliases:

* github-linguist ``languages.yml`` – ``aliases`` of programming languages
  (only for entries of category ``language`` whose name matches a linguist
  language name).
* microsoft SkillsExtractorCognitiveSearch ``skills.json`` – ``aliases`` and
  the ``displayName`` of the matching slug (committed as ``skill_forms.json``, those two fields
  only), and ``skill_patterns.jsonl`` – multi-token surface forms of the same slug.

Seed syntax: one skill per line, ``Display Name | alias, alias, ...``.
Surface-form markers (on the name or an alias):

* ``^form``  – only extracted from free text when written with exactly this case
* ``~form``  – case-exact AND only in a skills context (ambiguous words: Go, R, C)
* ``!form``  – accepted by ``canonical()`` but never extracted from free text
* ``?form``  – case-exact in prose, and also in lower case inside a requirement sentence or bullet
  ("experience with transformers"); combines with ``~`` (``~?Transformers``)
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES_DIR = ROOT / "tools" / "taxonomy_sources"  # the upstream files used, committed (see its SOURCES.md)
DATA_FILE = ROOT / "api" / "skill" / "data" / "skills.json"

SEED = """
# language
Python | !py, python3, python 2, python 3, cpython
JavaScript | ^JS, ecmascript, es6, es2015, vanilla js, vanilla javascript
TypeScript | ^TS
Java | java 8, java 11, java 17, java 21, core java
Kotlin
~Go | golang, go lang
?Rust | rustlang
C++ | cpp, cplusplus, c plus plus
~C | ansi c, c language, c99, c11
C# | csharp, c sharp
?Ruby
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
?Dart
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
Less CSS | ~LESS, less.js, lesscss
^LaTeX | ^LATEX, ^TeX, overleaf
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
?Vite | vitejs
^Babel
Storybook
Ember.js | emberjs, ^Ember
Backbone.js | backbonejs
?Gatsby | gatsbyjs
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
?Koa | koa.js, koajs
Fastify
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
?Cassandra | apache cassandra
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
Amazon CloudFront | cloudfront, aws cloudfront
Amazon Route 53 | ~?Route 53, route53, aws route 53
AWS IAM | aws iam, amazon iam
Amazon ElastiCache | elasticache
Amazon SNS | ^SNS, aws sns
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
Networking | load balancing, networks, computer networking, network engineering
TCP/IP | tcp ip, ?TCP, ?UDP, tcp/udp, internet protocol suite
DNS | ?DNS, domain name system, dns management
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
Apache Spark | ?Spark, pyspark
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
Hugging Face | huggingface, hugging face transformers
Transformer Models | ~?Transformers, transformer models, transformer model, transformer architecture, transformer architectures, transformer-based models, vision transformers
LangChain
OpenAI API | openai
spaCy
NLTK
OpenCV
Canny Edge Detection | ~Canny, canny edge detector, canny edge
Support Vector Machines | ?SVM, ?SVMs, support vector machine
Convolutional Neural Networks | ~?CNN, ~?CNNs, convolutional neural network, convnet, convnets
Recurrent Neural Networks | ^RNN, ^RNNs, ?LSTM, ?LSTMs, recurrent neural network, long short-term memory
Generative Adversarial Networks | ^GAN, ^GANs, generative adversarial network
BERT | ?BERT
Model Quantization | quantization, quantisation, model quantization, int8 quantization, 4-bit quantization
LLM Fine-Tuning | fine-tuning llms, llm fine-tuning, ^LoRA, ^QLoRA, ^PEFT
Random Forest | random forests
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
Metasploit | metasploit framework
Wireshark
Nmap
Burp Suite
Nessus
Kali Linux
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
Microsoft Word | ~Word, ms word
PowerPoint | microsoft powerpoint, ms powerpoint, power point
Microsoft Outlook | ~Outlook, ms outlook
SharePoint | microsoft sharepoint, sharepoint online
Microsoft Visio | ^Visio
Microsoft Project | ms project
Microsoft Power Platform | power platform, powerapps, power apps, power automate, microsoft flow
Google Workspace | g suite, gsuite, google docs, google sheets, google slides
Windows | ~?Windows, microsoft windows, ms windows, windows 10, windows 11, windows administration, windows environments, windows environment
macOS | mac os, mac os x, os x, osx, apple macos
Active Directory | azure ad, azure active directory, entra id, microsoft entra id
VMware | vsphere, vmware esxi, esxi
Okta
Intercom | ^Intercom
Zendesk
Freshdesk
Mailchimp
Trello
^Asana
QuickBooks | intuit quickbooks
AutoCAD | autodesk autocad

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

# Curated relations, "Skill > broader skill, broader skill": a posting asking for the broader skill is
# partly met by the narrower one (Amazon ECS under AWS, PostgreSQL under SQL). Both ends must be skills above.
RELATIONS = """
AWS Lambda > AWS
Amazon S3 > AWS
Amazon EC2 > AWS
Amazon ECS > AWS
Amazon EKS > AWS, Kubernetes
Amazon SQS > AWS
Amazon RDS > AWS
Amazon CloudFront > AWS
Amazon Route 53 > AWS, DNS
AWS IAM > AWS, Identity and Access Management
Amazon ElastiCache > AWS
Amazon SNS > AWS
Amazon Redshift > AWS
Amazon SageMaker > AWS, Machine Learning
DynamoDB > AWS
CloudFormation > AWS
PostgreSQL > SQL
MySQL > SQL
Microsoft SQL Server > SQL
T-SQL > SQL
PL/SQL > SQL
TCP/IP > Networking
Windows Server > Windows
DNS > Networking
Metasploit > Penetration Testing
Burp Suite > Penetration Testing
Kali Linux > Penetration Testing, Linux
Nmap > Penetration Testing
Koa > Node.js
Express > Node.js
NestJS > Node.js
Fastify > Node.js
Spring Boot > Java
Django > Python
FastAPI > Python
Flask > Python
Less CSS > CSS
Sass > CSS
Microsoft Word > Microsoft Office
PowerPoint > Microsoft Office
Excel > Microsoft Office
Microsoft Outlook > Microsoft Office
Convolutional Neural Networks > Deep Learning, Computer Vision
Recurrent Neural Networks > Deep Learning
Generative Adversarial Networks > Deep Learning
Transformer Models > Deep Learning
BERT > Transformer Models, Natural Language Processing
Large Language Models > Transformer Models
Model Quantization > Machine Learning
LLM Fine-Tuning > Large Language Models
Support Vector Machines > Machine Learning
Random Forest > Machine Learning
Canny Edge Detection > Computer Vision, OpenCV
Deep Learning > Machine Learning
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
        name = forms[0].lstrip("^~!?")
        entry: dict = {"name": name, "category": cat, "aliases": []}
        case_exact: list[str] = []
        context: list[str] = []
        no_extract: list[str] = []
        lower: list[str] = []
        for i, form in enumerate(forms):
            markers = form[: len(form) - len(form.lstrip("^~!?"))]
            clean = _norm_form(form.lstrip("^~!?"))
            if i > 0 and clean.lower() != name.lower() and clean.lower() not in [a.lower() for a in entry["aliases"]]:
                entry["aliases"].append(clean)
            if "~" in markers:
                context.append(clean)
            elif "^" in markers or "?" in markers:
                case_exact.append(clean)
            elif "!" in markers:
                no_extract.append(clean)
            if "?" in markers:
                lower.append(clean)
        if case_exact:
            entry["case_exact"] = case_exact
        if context:
            entry["context_required"] = context
        if no_extract:
            entry["no_extract"] = no_extract
        if lower:
            entry["lower_in_requirements"] = lower
        entries.append(entry)
    return entries


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9+#.]+", "-", name.lower()).strip("-")


def enrich(entries: list[dict], taxonomy_dir: Path) -> dict:
    import yaml  # build-time only

    stats = {"linguist_aliases": 0, "ms_aliases": 0, "ms_matched": 0}
    # files are read as UTF-8 whatever the locale
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
    langs = yaml.safe_load((taxonomy_dir / "github-linguist" / "languages.yml").read_text(encoding="utf-8"))
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
    ms_forms = json.loads((taxonomy_dir / "microsoft-skills-extractor" / "skill_forms.json").read_text(encoding="utf-8"))
    patterns: dict[str, list[str]] = {}
    with open(taxonomy_dir / "microsoft-skills-extractor" / "skill_patterns.jsonl", encoding="utf-8") as fh:
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
        forms = ms_forms.get(slug)
        if forms is None:
            continue
        stats["ms_matched"] += 1
        e.setdefault("sources", []).append("microsoft-skills-extractor")
        cands = list(forms) + patterns.get(slug, [])
        for a in cands:
            # only multi-character forms that are not mere case variants
            if add_alias(e, a):
                stats["ms_aliases"] += 1
    for e in entries:
        if "sources" in e:
            e["sources"] = sorted(set(e["sources"]))
    return stats


# O*NET "hot technologies": vendors whose name may be left out, technologies not taken as skills (a
# social network, a meeting app), and the category of each commodity title.
ONET_VENDORS = (
    "Microsoft", "Apple", "Google", "Atlassian", "Oracle", "Amazon", "Apache", "Autodesk", "Adobe", "IBM", "Intuit",
    "The MathWorks", "Dassault Systemes", "Trimble", "ESRI", "Cisco", "Bentley", "Eclipse", "SAP", "Red Hat",
)  # fmt: skip
ONET_DENYLIST = {"Facebook", "TikTok", "Zoom", "Microsoft Teams", "Cisco Webex"}
# names people write instead of O*NET's catalogue names
ONET_RENAMES = {
    "Amazon Web Services AWS": "AWS",
    "Amazon Web Services AWS CloudFormation": "CloudFormation",
    "IBM SPSS Statistics": "SPSS",
    "Microsoft .NET Framework": ".NET",
    "Marketo Marketing Automation": "Marketo",
    "Henry Schein Dentrix": "Dentrix",
    "Oracle Primavera Enterprise Project Portfolio Management": "Oracle Primavera",
    "eClinicalWorks EHR": "eClinicalWorks",
    "Splunk Enterprise": "Splunk",
    "Teradata Database": "Teradata",
    "UNIX Shell": "Shell Scripting",
}
# vendor-less forms that are ordinary words or places
ONET_BARE_DENYLIST = {"Access", "Dynamics", "Jersey", "Bamboo", "Creative Cloud", "Cloud", "IDE"}
ONET_CATEGORIES = {
    "Computer aided design CAD software": "design",
    "Graphics or photo imaging software": "design",
    "Desktop publishing software": "design",
    "Video creation and editing software": "design",
    "Data base management system software": "database",
    "Data base user interface and query software": "database",
    "Data base reporting software": "data",
    "Business intelligence and data analysis software": "data",
    "Analytical or scientific software": "data",
    "Metadata management software": "data",
    "Web platform development software": "backend",
    "Enterprise application integration software": "devops",
    "Cloud-based management software": "devops",
    "Configuration management software": "devops",
    "Enterprise system management software": "devops",
    "Switch or router software": "devops",
    "Project management software": "management",
}


def _onet_clean(example: str) -> str:
    return re.sub(r"\s+software$", "", example.strip())


def enrich_onet(entries: list[dict], taxonomy_dir: Path) -> dict:
    """O*NET hot technologies: mark the curated skills they name, add their vendor-prefixed and spelled-out
    forms as aliases ("Microsoft PowerShell", "cascading style sheets"), and add the others as skills whose
    one-word forms are case-exact."""
    from api.skill.taxonomy import SkillEntry, Taxonomy  # build-time only: the runtime's own lookup rules

    stats = {"onet_matched": 0, "onet_aliases": 0, "onet_added": 0}
    rows: dict[str, str] = {}
    lines = (taxonomy_dir / "onet" / "hot_technologies.tsv").read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        example, commodity = line.split("\t")
        rows.setdefault(example, commodity)  # the first commodity title (sorted) decides the category
    by_name = {e["name"]: e for e in entries}

    cache: dict[str, Taxonomy] = {}

    def lookup(form: str) -> dict | None:
        key = json.dumps(entries, sort_keys=True)
        if key not in cache:
            cache.clear()
            cache[key] = Taxonomy(SkillEntry.from_dict(e) for e in entries)
        found = cache[key].get(form)
        return by_name.get(found.name) if found is not None else None

    def alias(entry: dict, form: str) -> None:
        known = {entry["name"].lower(), *(a.lower() for a in entry["aliases"])}
        if form.lower() not in known and lookup(form) in (None, entry):
            entry["aliases"].append(form)
            stats["onet_aliases"] += 1

    def mark(entry: dict) -> None:
        entry["sources"] = sorted({*entry.get("sources", []), "onet"})
        stats["onet_matched"] += 1

    def spells(acronym: str, spelled: str) -> bool:
        """'XML' is spelled out by 'Extensible markup language': its letters appear in order."""
        rest = iter(spelled.lower())
        return bool(spelled) and all(ch in rest for ch in acronym.lower())

    for example, commodity in rows.items():
        full = _onet_clean(example)
        if full in ONET_DENYLIST:
            continue
        name = ONET_RENAMES.get(full, full)
        entry = lookup(name)
        if entry is not None:
            mark(entry)
            if name != full:
                alias(entry, full)
            continue
        words = name.split()
        acronym = words[-1] if len(words) > 1 and re.fullmatch(r"[A-Z][A-Z0-9]{1,5}", words[-1]) else ""
        spelled = " ".join(words[:-1]) if acronym else ""
        vendor = next((v for v in ONET_VENDORS if name.startswith(v + " ")), "")
        bare = name[len(vendor) + 1 :] if vendor else ""
        if acronym and not spells(acronym, spelled.removeprefix(vendor)):
            entry = lookup(spelled)  # "Jenkins CI", "Hibernate ORM": the product with its kind
            if entry is not None:
                mark(entry)
                alias(entry, name)
                continue
            acronym = spelled = ""
        suffixes = [" ".join(words[i:]) for i in range(1, len(words))] if vendor else []
        entry = (lookup(acronym) if acronym else None) or next((lookup(x) for x in suffixes if lookup(x)), None)
        if entry is not None:  # "Structured query language SQL", "Microsoft PowerShell"
            mark(entry)
            lowered = spelled.lower() if spelled[:1].isupper() and spelled[1:2].islower() else spelled
            alias(entry, lowered if acronym else name)
            continue
        new = {"name": acronym or name, "category": ONET_CATEGORIES.get(commodity, "tool"), "aliases": []}
        forms = [spelled] if acronym else ([bare] if len(bare) >= 3 and bare not in ONET_BARE_DENYLIST else [])
        if name != full:
            forms.append(full)
        for form in forms:
            if form and lookup(form) is None and form.lower() != new["name"].lower():
                new["aliases"].append(form)
        exact = [f for f in (new["name"], *new["aliases"]) if len(f.split()) == 1]
        if exact:
            new["case_exact"] = exact
        new["sources"] = ["onet"]
        entries.append(new)
        by_name[new["name"]] = new
        stats["onet_added"] += 1
    return stats


def parse_relations(entries: list[dict], relations: str = RELATIONS) -> None:
    """Each "Skill > broader, broader" line becomes the skill's sorted ``broader`` list."""
    by_name = {e["name"]: e for e in entries}
    for raw in relations.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        narrow, _, broad = line.partition(">")
        narrow = narrow.strip()
        if narrow not in by_name:
            raise SystemExit(f"relation names an unknown skill: {narrow!r}")
        for parent in (b.strip() for b in broad.split(",") if b.strip()):
            if parent not in by_name or parent == narrow:
                raise SystemExit(f"relation names an unknown skill: {parent!r}")
            by_name[narrow].setdefault("broader", [])
            if parent not in by_name[narrow]["broader"]:
                by_name[narrow]["broader"].append(parent)
    for e in entries:
        if "broader" in e:
            e["broader"] = sorted(e["broader"])


def build(sources_dir: Path = SOURCES_DIR) -> dict:
    """The shipped payload, from the seed, the relations and the upstream files in ``sources_dir``."""
    entries = parse_seed()
    names = [e["name"].lower() for e in entries]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"skills listed twice: {duplicates}")
    enrich(entries, sources_dir)
    enrich_onet(entries, sources_dir)
    parse_relations(entries)
    return {
        "version": 2,
        "generated_by": "tools/build_taxonomy.py",
        "sources": [
            "curated",
            "github-linguist languages.yml (MIT)",
            "microsoft/SkillsExtractorCognitiveSearch skills.json + skill_patterns.jsonl (MIT)",
            "O*NET 29.2 Database Technology Skills, hot technologies (USDOL/ETA, CC BY 4.0)",
        ],
        "skills": entries,
    }


def render(payload: dict) -> str:
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> None:
    sources_dir = Path(argv[1]) if len(argv) > 1 and not argv[1].startswith("-") else SOURCES_DIR
    text = render(build(sources_dir))
    if "--check" in argv:
        if DATA_FILE.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{DATA_FILE} is stale: run tools/build_taxonomy.py")
        print(f"{DATA_FILE} is up to date")
        return
    DATA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {len(json.loads(text)['skills'])} skills to {DATA_FILE}")


if __name__ == "__main__":
    main(sys.argv)
