"""GraphQL documents and helpers for the career memory (journey) and goal tests."""

from __future__ import annotations

from tests.support.graphql import Session

ERRORS = "errors { field message code }"

JOURNEY_UPDATE = f"""
mutation JourneyUpdate($input: JourneyUpdateInput!) {{
  journeyUpdate(input: $input) {{
    journey {{ id currentRole currentCompany careerStage targetRole roleStartedOn }}
    {ERRORS}
  }}
}}
"""
CONTEXT_UPDATE = f"""
mutation ContextUpdate($input: CareerContextUpdateInput!) {{
  careerContextUpdate(input: $input) {{
    careerContext {{
      id currentSituation shortTermGoals longTermVision learningPreferences hoursPerWeek budget
      commitments motivationFactors stressFactors stressLevel lastAssessedOn
    }}
    {ERRORS}
  }}
}}
"""
DECISION_FIELDS = "id kind context choice decidedAt outcome lessons satisfaction outcomeAt isOpen isOverdue goal { id title }"
DECISION_RECORD = f"""
mutation DecisionRecord($input: DecisionRecordInput!) {{
  decisionRecord(input: $input) {{ decision {{ {DECISION_FIELDS} }} {ERRORS} }}
}}
"""
DECISION_OUTCOME = f"""
mutation DecisionOutcome($input: DecisionOutcomeRecordInput!) {{
  decisionOutcomeRecord(input: $input) {{ decision {{ {DECISION_FIELDS} }} {ERRORS} }}
}}
"""
MILESTONE_ADD = f"""
mutation MilestoneAdd($input: MilestoneAddInput!) {{
  milestoneAdd(input: $input) {{
    milestone {{ id kind title description impactScore marketValueNote role achievedOn }}
    {ERRORS}
  }}
}}
"""
SNAPSHOT_FIELDS = "id takenOn skills { skill proficiency marketDemand gap }"
SNAPSHOT_TAKE = f"""
mutation SnapshotTake($input: SkillSnapshotTakeInput!) {{
  skillSnapshotTake(input: $input) {{ skillSnapshot {{ {SNAPSHOT_FIELDS} }} {ERRORS} }}
}}
"""
SNAPSHOT_UPDATE = f"""
mutation SnapshotUpdate($input: SkillSnapshotUpdateInput!) {{
  skillSnapshotUpdate(input: $input) {{ skillSnapshot {{ {SNAPSHOT_FIELDS} }} {ERRORS} }}
}}
"""
VIEWER_JOURNEY = f"""
query ViewerJourney {{
  viewer {{
    journey {{ id currentRole currentCompany careerStage targetRole roleStartedOn computedAt }}
    careerContext {{ id hoursPerWeek learningPreferences stressLevel lastAssessedOn }}
    decisions(first: 50) {{ totalCount edges {{ node {{ {DECISION_FIELDS} }} }} }}
    milestones(first: 50) {{ totalCount edges {{ node {{ id kind title role achievedOn }} }} }}
    skillSnapshots(first: 50) {{ totalCount edges {{ node {{ {SNAPSHOT_FIELDS} }} }} }}
    skillSnapshotDraft {{ skill proficiency lastProficiency inProfile }}
  }}
}}
"""
DECISIONS = f"""
query Decisions($filter: DecisionFilter) {{
  viewer {{ decisions(first: 50, filter: $filter) {{ totalCount edges {{ node {{ {DECISION_FIELDS} }} }} }} }}
}}
"""
PATTERN = "sufficient basedOn message"
LEARNING_PATTERNS = f"""
query Patterns {{
  viewer {{
    journey {{
      computedAt
      velocity {{
        asOf
        milestones {{ current previous trend {PATTERN} }}
        roleMoves {{ current typical {PATTERN} }}
        skillGrowth {{ current previous typical trend {PATTERN} }}
      }}
    }}
    learningPatterns {{
      computedAt timezone
      formatByMinutes {{ preferred unit totals {{ format value }} {PATTERN} }}
      formatByCompletion {{ preferred rates {{ format value }} {PATTERN} }}
      cadence {{ cadence activeDays activeDaysPerWeek {PATTERN} }}
      rhythm {{ timeOfDay timeOfDayShare peakHours weekdays {PATTERN} }}
      goalLength {{ finishUpToWeeks abandonedOverWeeks clearSplit completedWeeks abandonedWeeks {PATTERN} }}
      acceleration {{ week goalsAccelerating {PATTERN} }}
      obstacles {{ obstacles {{ category count }} {PATTERN} }}
      successByDifficulty {{ byDifficulty {{ difficulty completed abandoned rate }} {PATTERN} }}
      finishTiming {{ early considered finishesEarly {PATTERN} }}
    }}
    nextMilestonePrediction {{
      title kind expectedDate confidence reasons currentRole targetRole readiness
      basedOn {{ milestones snapshots peerUsers }}
      skillGaps {{ skill have need gap }}
      keySkills {{ skill have need gap matchedBy }}
    }}
  }}
}}
"""
NODE = "query Node($id: ID!) { node(id: $id) { id __typename } }"

GOAL_FIELDS = """
  id title why targetDate status difficulty learningFormat progress startedOn completedOn abandonedOn
  steps { id title position done doneAt }
"""
GOAL_CREATE = f"""
mutation GoalCreate($input: GoalCreateInput!) {{ goalCreate(input: $input) {{ goal {{ {GOAL_FIELDS} }} {ERRORS} }} }}
"""
GOAL_UPDATE = f"""
mutation GoalUpdate($input: GoalUpdateInput!) {{ goalUpdate(input: $input) {{ goal {{ {GOAL_FIELDS} }} {ERRORS} }} }}
"""
STEP_TOGGLE = f"""
mutation StepToggle($input: GoalStepToggleInput!) {{
  goalStepToggle(input: $input) {{
    step {{ id done doneAt }} goal {{ id progress status completedOn }} entry {{ id amount }}
    {ERRORS}
  }}
}}
"""
PROGRESS_LOG = f"""
mutation ProgressLog($input: GoalProgressLogInput!) {{
  goalProgressLog(input: $input) {{
    entry {{ id loggedAt amount minutes learningFormat note mood energy step {{ id title }} goal {{ id }} }}
    goal {{ id progress status completedOn }}
    {ERRORS}
  }}
}}
"""
SUGGESTIONS = f"""
mutation Suggestions($input: GoalSuggestionsGenerateInput) {{
  goalSuggestionsGenerate(input: $input) {{
    suggestions {{ title why difficulty targetDate steps learningFormat skill weeks hoursPerWeek }}
    {ERRORS}
  }}
}}
"""
SUGGESTION_ACCEPT = f"""
mutation SuggestionAccept($input: GoalSuggestionAcceptInput!) {{
  goalSuggestionAccept(input: $input) {{
    goal {{ {GOAL_FIELDS} }}
    decision {{ {DECISION_FIELDS} }}
    {ERRORS}
  }}
}}
"""
ADAPT = f"""
mutation Adapt($input: GoalDifficultyAdaptInput!) {{
  goalDifficultyAdapt(input: $input) {{
    adaptation {{
      goal {{ id }} kind why signals suggestedTargetDate suggestedSteps suggestedDifficulty basedOn
    }}
    {ERRORS}
  }}
}}
"""
GOALS = f"""
query Goals($first: Int, $filter: GoalFilter) {{
  viewer {{
    goals(first: $first, filter: $filter) {{
      totalCount
      edges {{ node {{ {GOAL_FIELDS} recentProgress {{ id amount minutes }} streak {{ current longest lastActiveOn }} }} }}
    }}
    progressStreak {{ current longest lastActiveOn }}
  }}
}}
"""
ENTRIES = """
query Entries($goalId: ID) {
  viewer { goalProgressEntries(first: 100, goalId: $goalId) { totalCount edges { node { id amount minutes note } } } }
}
"""


async def create_goal(session: Session, **fields: object) -> dict:
    payload = (await session.gql(GOAL_CREATE, {"input": {"title": "Learn Rust", **fields}}))["goalCreate"]
    assert payload["errors"] == [], payload
    return payload["goal"]


async def record_decision(session: Session, **fields: object) -> dict:
    values = {"kind": "SKILL_FOCUS", "choice": "Focus on Rust", "context": "Backend roles ask for it", **fields}
    payload = (await session.gql(DECISION_RECORD, {"input": values}))["decisionRecord"]
    assert payload["errors"] == [], payload
    return payload["decision"]


async def goals(session: Session, first: int = 50) -> list[dict]:
    return [e["node"] for e in (await session.gql(GOALS, {"first": first}))["viewer"]["goals"]["edges"]]


async def decisions(session: Session, **filter: object) -> list[dict]:
    data = await session.gql(DECISIONS, {"filter": filter or None})
    return [e["node"] for e in data["viewer"]["decisions"]["edges"]]
