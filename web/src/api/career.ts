/**
 * GraphQL operations of the career memory: journey, context, decisions, milestones, skill
 * snapshots and goals. `npm run codegen` turns these into typed documents (src/gql).
 */
import { graphql } from "../gql";

/* ---------- fragments ---------- */

export const JourneyFields = graphql(`
  fragment JourneyFields on CareerJourney { id currentRole currentCompany careerStage targetRole roleStartedOn computedAt }
`);

export const CareerContextFields = graphql(`
  fragment CareerContextFields on CareerContext {
    id
    currentSituation
    shortTermGoals
    longTermVision
    learningPreferences
    hoursPerWeek
    budget
    commitments
    motivationFactors
    stressFactors
    stressLevel
    lastAssessedOn
  }
`);

export const DecisionFields = graphql(`
  fragment DecisionFields on Decision { id kind context choice decidedAt outcome lessons satisfaction outcomeAt isOpen isOverdue goal { id title } }
`);

export const MilestoneFields = graphql(`
  fragment MilestoneFields on Milestone { id kind title description impactScore marketValueNote role achievedOn }
`);

export const SkillSnapshotFields = graphql(`
  fragment SkillSnapshotFields on SkillSnapshot { id takenOn skills { skill proficiency marketDemand gap } }
`);

export const GoalStepFields = graphql(`
  fragment GoalStepFields on GoalStep { id title position done doneAt }
`);

export const GoalFields = graphql(`
  fragment GoalFields on Goal {
    id
    title
    why
    targetDate
    status
    difficulty
    learningFormat
    progress
    startedOn
    completedOn
    abandonedOn
    steps {
      ...GoalStepFields
    }
    streak {
      current
      longest
      lastActiveOn
    }
    recentProgress {
      id
      loggedAt
      amount
      minutes
      learningFormat
      note
      mood
      energy
    }
  }
`);

export const PatternBasisFields = graphql(`
  fragment PatternBasisFields on Pattern { sufficient basedOn message }
`);

/* ---------- journey page ---------- */

export const JourneyPageDocument = graphql(`
  query JourneyPage {
    viewer {
      id
      journey {
        ...JourneyFields
        velocity {
          asOf
          milestones {
            name
            current
            previous
            trend
            ...PatternBasisFields
          }
          roleMoves {
            name
            current
            typical
            ...PatternBasisFields
          }
          skillGrowth {
            name
            current
            previous
            typical
            trend
            ...PatternBasisFields
          }
        }
      }
      nextMilestonePrediction {
        title
        kind
        expectedDate
        confidence
        reasons
        targetRole
        readiness
        basedOn {
          milestones
          snapshots
          peerUsers
        }
        skillGaps {
          skill
          have
          need
          gap
        }
        currentRole
        keySkills {
          skill
          have
          need
          gap
          matchedBy
        }
      }
      learningPatterns {
        computedAt
        timezone
        formatByMinutes {
          preferred
          ...PatternBasisFields
        }
        formatByCompletion {
          preferred
          ...PatternBasisFields
        }
        cadence {
          cadence
          ...PatternBasisFields
        }
        rhythm {
          timeOfDay
          ...PatternBasisFields
        }
        goalLength {
          recommendedMaxWeeks
          ...PatternBasisFields
        }
        acceleration {
          week
          ...PatternBasisFields
        }
        obstacles {
          obstacles {
            category
            count
          }
          ...PatternBasisFields
        }
        successByDifficulty {
          ...PatternBasisFields
        }
        finishTiming {
          finishesEarly
          ...PatternBasisFields
        }
      }
      milestones(first: 100) {
        totalCount
        edges {
          node {
            ...MilestoneFields
          }
        }
      }
      decisions(first: 100) {
        totalCount
        edges {
          node {
            ...DecisionFields
          }
        }
      }
      skillSnapshots(first: 100, orderBy: NEWEST) {
        totalCount
        edges {
          node {
            ...SkillSnapshotFields
          }
        }
      }
      goals(first: 100, filter: { statuses: [COMPLETED, ABANDONED] }) {
        totalCount
        edges {
          node {
            id
            title
            status
            difficulty
            startedOn
            completedOn
            abandonedOn
            targetDate
          }
        }
      }
    }
  }
`);

export const MilestoneAddDocument = graphql(`
  mutation MilestoneAdd($input: MilestoneAddInput!) { milestoneAdd(input: $input) { milestone { ...MilestoneFields } errors { ...FieldErrorFields } } }
`);

/* ---------- role and career context ---------- */

export const CareerSettingsDocument = graphql(`
  query CareerSettings { viewer { id experienceLevel journey { ...JourneyFields } careerContext { ...CareerContextFields } } }
`);

export const JourneyUpdateDocument = graphql(`
  mutation JourneyUpdate($input: JourneyUpdateInput!) { journeyUpdate(input: $input) { journey { ...JourneyFields } errors { ...FieldErrorFields } } }
`);

export const CareerContextUpdateDocument = graphql(`
  mutation CareerContextUpdate($input: CareerContextUpdateInput!) { careerContextUpdate(input: $input) { careerContext { ...CareerContextFields } errors { ...FieldErrorFields } } }
`);

/* ---------- decisions ---------- */

export const DecisionsDocument = graphql(`
  query Decisions($first: Int!, $filter: DecisionFilter) { viewer { id decisions(first: $first, filter: $filter) { totalCount edges { node { ...DecisionFields } } } } }
`);

export const DecisionRecordDocument = graphql(`
  mutation DecisionRecord($input: DecisionRecordInput!) { decisionRecord(input: $input) { decision { ...DecisionFields } errors { ...FieldErrorFields } } }
`);

export const DecisionOutcomeRecordDocument = graphql(`
  mutation DecisionOutcomeRecord($input: DecisionOutcomeRecordInput!) { decisionOutcomeRecord(input: $input) { decision { ...DecisionFields } errors { ...FieldErrorFields } } }
`);

/* ---------- skill snapshots ---------- */

export const SkillSnapshotsDocument = graphql(`
  query SkillSnapshots {
    viewer {
      id
      skillSnapshotDraft {
        skill
        proficiency
        lastProficiency
        inProfile
      }
      skillSnapshots(first: 20, orderBy: NEWEST) {
        totalCount
        edges {
          node {
            ...SkillSnapshotFields
          }
        }
      }
    }
  }
`);

export const SkillSnapshotTakeDocument = graphql(`
  mutation SkillSnapshotTake($input: SkillSnapshotTakeInput!) { skillSnapshotTake(input: $input) { skillSnapshot { ...SkillSnapshotFields } errors { ...FieldErrorFields } } }
`);

/* ---------- goals ---------- */

export const GoalsDocument = graphql(`
  query Goals($first: Int!, $filter: GoalFilter) {
    viewer {
      id
      goals(first: $first, filter: $filter) {
        totalCount
        edges {
          node {
            ...GoalFields
          }
        }
      }
      progressStreak {
        current
        longest
        lastActiveOn
      }
    }
  }
`);

export const OpenGoalsDocument = graphql(`
  query OpenGoals {
    viewer {
      id
      goals(first: 100, filter: { statuses: [ACTIVE, PAUSED] }) {
        edges {
          node {
            id
            title
            progress
            learningFormat
            steps {
              ...GoalStepFields
            }
          }
        }
      }
    }
  }
`);

export const GoalCreateDocument = graphql(`
  mutation GoalCreate($input: GoalCreateInput!) { goalCreate(input: $input) { goal { ...GoalFields } errors { ...FieldErrorFields } } }
`);

export const GoalUpdateDocument = graphql(`
  mutation GoalUpdate($input: GoalUpdateInput!) { goalUpdate(input: $input) { goal { ...GoalFields } errors { ...FieldErrorFields } } }
`);

export const GoalStepToggleDocument = graphql(`
  mutation GoalStepToggle($input: GoalStepToggleInput!) { goalStepToggle(input: $input) { goal { ...GoalFields } errors { ...FieldErrorFields } } }
`);

export const GoalProgressLogDocument = graphql(`
  mutation GoalProgressLog($input: GoalProgressLogInput!) { goalProgressLog(input: $input) { entry { id amount } goal { id title progress status } errors { ...FieldErrorFields } } }
`);

export const GoalSuggestionsGenerateDocument = graphql(`
  mutation GoalSuggestionsGenerate($input: GoalSuggestionsGenerateInput) { goalSuggestionsGenerate(input: $input) { suggestions { title why difficulty targetDate steps learningFormat skill weeks hoursPerWeek } errors { ...FieldErrorFields } } }
`);

export const GoalSuggestionAcceptDocument = graphql(`
  mutation GoalSuggestionAccept($input: GoalSuggestionAcceptInput!) { goalSuggestionAccept(input: $input) { goal { ...GoalFields } decision { id } errors { ...FieldErrorFields } } }
`);

export const GoalDifficultyAdaptDocument = graphql(`
  mutation GoalDifficultyAdapt($input: GoalDifficultyAdaptInput!) { goalDifficultyAdapt(input: $input) { adaptation { kind why signals suggestedTargetDate suggestedSteps suggestedDifficulty basedOn } errors { ...FieldErrorFields } } }
`);
