"""Expands a SAM template into CloudFormation with AWS's own SAM translator, offline, and prints it as JSON.

Usage: python transform.py template.yaml [Name=value ...]
Parameter values are the deployer's overrides (as `sam deploy --parameter-overrides`); the pseudo parameters are
fakes (account 123456789012, us-east-1). Nothing here calls AWS: the managed-policy loader, which would ask IAM
for the ARNs of managed policies named in Policies, is replaced by one that knows none.
"""
import json
import os
import sys

# The translator asks a boto3 session for the region; give it the fake one, and no profile or credentials to read.
os.environ["AWS_DEFAULT_REGION"] = "us-east-1"
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ.pop("AWS_PROFILE", None)

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Region": "us-east-1",
    "AWS::Partition": "aws",
    "AWS::StackName": "cruddur-iam",
    "AWS::URLSuffix": "amazonaws.com",
}

FAKE_ARTIFACT = "s3://cruddur-artifacts-123456789012/cruddur.zip"


class NoManagedPolicies:
    """The template names no managed policy by name; if it ever does, the translator fails instead of calling IAM."""

    def load(self):
        return {}


def packaged(template):
    """What `sam deploy` hands CloudFormation: local CodeUri paths replaced by the uploaded artifact's S3 URI."""
    function_globals = template.get("Globals", {}).get("Function", {})
    if isinstance(function_globals.get("CodeUri"), str):
        function_globals["CodeUri"] = FAKE_ARTIFACT
    for resource in template.get("Resources", {}).values():
        properties = resource.get("Properties") or {}
        if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
            properties["CodeUri"] = FAKE_ARTIFACT
    return template


def main(argv):
    with open(argv[1], encoding="utf-8") as f:
        template = packaged(yaml_parse(f.read()))
    parameters = dict(PSEUDO_PARAMETERS)
    for assignment in argv[2:]:
        name, _, value = assignment.partition("=")
        parameters[name] = value
    expanded = transform(template, parameters, NoManagedPolicies())
    json.dump(expanded, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv)
