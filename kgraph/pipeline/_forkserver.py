"""Imported by the worker pool's forkserver only (one of its preloads): the forkserver
then dies with the build process that started it, and takes no article with it."""

from kgraph.pipeline.workers import die_with_parent

die_with_parent()
