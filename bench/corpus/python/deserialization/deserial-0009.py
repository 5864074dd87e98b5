"""Parse a pipeline definition."""

import yaml
from fastapi import FastAPI


app = FastAPI()


def normalise_pipeline(value: str) -> str:
    return value.strip()


@app.get("/pipelines/parse")
def parse_pipeline(pipeline: str):
    pipeline = normalise_pipeline(pipeline)
    state = yaml.load(pipeline, Loader=yaml.UnsafeLoader)
    return {"keys": sorted(state)}
