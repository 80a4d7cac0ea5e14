"""SemEval-2015 Task 4 (TimeLine, Track A) with kgraph: the task's format, scorer and runner."""
