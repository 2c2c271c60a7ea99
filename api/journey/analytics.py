"""Career Companion journey analytics - the public, DB-independent API.

Pure and deterministic: every function takes ``today``/``now`` explicitly and never
reads the clock. Inputs are the frozen dataclasses from :mod:`api.journey.records`;
every output has ``to_dict()`` returning JSON-safe values for the cache column.

Implementation lives in:

* :mod:`.patterns` - ``learning_patterns``
* :mod:`.velocity` - ``career_velocity``
* :mod:`.ladder` - ``load_ladder`` (data in ``data/ladder.json``)
* :mod:`.prediction` - ``predict_next_milestone``

Goal rules built on it (suggestions, difficulty adaptation) live in :mod:`api.goal`.
"""

from __future__ import annotations

from api.journey.ladder import Ladder, LadderRole, NextRole, SkillGap, load_ladder
from api.journey.patterns import (
    AccelerationPattern,
    CadencePattern,
    DifficultyRate,
    DifficultySuccessPattern,
    FinishTimingPattern,
    FormatPattern,
    GoalLengthPattern,
    LearningPatterns,
    ObstacleCount,
    ObstaclePattern,
    RhythmPattern,
    learning_patterns,
)
from api.journey.prediction import Prediction, PredictionBasis, predict_next_milestone
from api.journey.records import (
    CareerContext,
    CareerStage,
    Decision,
    DecisionType,
    Difficulty,
    Goal,
    GoalStatus,
    GoalStep,
    Journey,
    LearningFormat,
    Milestone,
    MilestoneType,
    PeerTransition,
    ProgressEntry,
    SkillSnapshot,
)
from api.journey.velocity import PaceMetric, Velocity, career_velocity

__all__ = [
    # inputs
    "CareerContext", "CareerStage", "Decision", "DecisionType", "Difficulty", "Goal",
    "GoalStatus", "GoalStep", "Journey", "LearningFormat", "Milestone", "MilestoneType",
    "PeerTransition", "ProgressEntry", "SkillSnapshot",
    # ladder
    "Ladder", "LadderRole", "NextRole", "SkillGap", "load_ladder",
    # functions
    "learning_patterns", "career_velocity", "predict_next_milestone",
    # outputs
    "LearningPatterns", "FormatPattern", "CadencePattern", "RhythmPattern", "GoalLengthPattern",
    "AccelerationPattern", "ObstacleCount", "ObstaclePattern", "DifficultyRate",
    "DifficultySuccessPattern", "FinishTimingPattern", "Velocity", "PaceMetric", "Prediction",
    "PredictionBasis",
]
