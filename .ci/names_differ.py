#!/usr/bin/env python3
"""Deploys samconfig.toml's environments on paper and checks that they can live in one account and region.

For each environment (dev, prod) the template is checked against the environment's parameter overrides as
CloudFormation would (AllowedValues, AllowedPattern, Min/MaxValue, Rules), expanded by the SAM translator the SAM
CLI itself uses, and its intrinsic functions resolved with a fake stack name and id. Every name that must be unique
per account and region (function and log group names, X-Ray rule and group, alarms, the dashboard, metric
namespaces, ...) must differ between the environments, and fit the service's limits. Also: a bare `sam deploy`
(the default environment) must not deploy Stage=prod.

Run with the SAM CLI's virtualenv, which has samtranslator:  "$VENV/bin/python" .ci/names_differ.py
Offline: no AWS calls (the managed-policy loader is a stub; the template uses policy templates only).
"""
import logging
import os
import re
import shlex
import sys
import tomllib
import uuid
from pathlib import Path

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

ROOT = Path(__file__).resolve().parent.parent
ACCOUNT, REGION, PARTITION = "123456789012", "us-east-1", "aws"
# The translator asks boto for the region of its pseudo parameters; no call is made.
os.environ["AWS_DEFAULT_REGION"] = REGION
# The translator's usage metrics go to a dummy publisher; its warning that they were never published is noise here.
logging.getLogger("samtranslator.metrics.metrics").setLevel(logging.ERROR)

# Names CloudFormation creates that must be unique per account and region (or, for the API's name, per X-Ray
# service: the sampling rule and the group select traces by "<api name>/<stage>"). (type, property path, limit, chars)
UNIQUE = [
    ("AWS::Lambda::Function", "FunctionName", 64, r"[A-Za-z0-9_-]+"),
    ("AWS::Logs::LogGroup", "LogGroupName", 512, r"[A-Za-z0-9_./#-]+"),
    ("AWS::XRay::SamplingRule", "SamplingRule.RuleName", 32, r"[A-Za-z0-9_-]+"),
    ("AWS::XRay::Group", "GroupName", 32, r"[A-Za-z0-9_-]+"),
    ("AWS::CloudWatch::Alarm", "AlarmName", 255, r"[^\x00-\x1f]+"),
    ("AWS::CloudWatch::Dashboard", "DashboardName", 255, r"[A-Za-z0-9_-]+"),
    ("AWS::Logs::QueryDefinition", "Name", 255, r"[^\x00-\x1f]+"),
    ("AWS::Logs::MetricFilter", "MetricTransformations.*.MetricNamespace", 255, r"[^:*$]+"),
    ("AWS::ApiGateway::RestApi", "Name", 1024, r".+"),
    ("AWS::Cognito::UserPool", "UserPoolName", 128, r"[\w\s+=,.@-]+"),
    ("AWS::WAFv2::WebACL", "Name", 128, r"[\w-]+"),
    ("AWS::WAFv2::WebACL", "VisibilityConfig.MetricName", 255, r"[\w#:.\-/]+"),
    ("AWS::SNS::Topic", "TopicName", 256, r"[A-Za-z0-9_-]+"),
    ("AWS::IAM::Role", "RoleName", 64, r"[\w+=,.@-]+"),
    ("AWS::DynamoDB::Table", "TableName", 255, r"[A-Za-z0-9_.-]+"),
    ("AWS::Cognito::UserPoolDomain", "Domain", 63, r"[a-z0-9-]+"),
]
# Everything optional switched on, so that the names of conditional resources are compared too.
EVERY_OPTION = {
    "WafWebAcl": "Enabled",
    "AlarmEmail": "alarms@example.com",
    "HoneycombApiKeySecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/honeycomb-AbCdEf",
    "RollbarTokenSecretArn": "arn:aws:secretsmanager:us-east-1:123456789012:secret:cruddur/rollbar-AbCdEf",
}


class Unresolvable(Exception):
    pass


class Stack:
    """One environment's template, parameters and pseudo parameters, with CloudFormation's evaluation rules."""

    def __init__(self, template, stack_name, overrides):
        self.template = template
        self.name = stack_name
        self.params = {k: str(v["Default"]) for k, v in template.get("Parameters", {}).items() if "Default" in v}
        self.params.update(overrides)
        stack_uuid = uuid.uuid5(uuid.NAMESPACE_URL, "cruddur-ci/" + stack_name)
        self.pseudo = {
            "AWS::StackName": stack_name,
            "AWS::StackId": f"arn:{PARTITION}:cloudformation:{REGION}:{ACCOUNT}:stack/{stack_name}/{stack_uuid}",
            "AWS::Region": REGION, "AWS::AccountId": ACCOUNT, "AWS::Partition": PARTITION,
            "AWS::URLSuffix": "amazonaws.com", "AWS::NoValue": None,
        }

    def parameter_problems(self):
        problems = []
        for name, spec in self.template.get("Parameters", {}).items():
            if name not in self.params:
                problems.append(f"{name}: no value and no default")
                continue
            value = self.params[name]
            if "AllowedValues" in spec and value not in [str(v) for v in spec["AllowedValues"]]:
                problems.append(f"{name}={value!r} not in {spec['AllowedValues']}")
            if "AllowedPattern" in spec and not re.fullmatch(spec["AllowedPattern"], value):
                problems.append(f"{name}={value!r} does not match {spec['AllowedPattern']}")
            if spec.get("Type") == "Number":
                number = float(value)
                if "MinValue" in spec and number < float(spec["MinValue"]):
                    problems.append(f"{name}={value} < {spec['MinValue']}")
                if "MaxValue" in spec and number > float(spec["MaxValue"]):
                    problems.append(f"{name}={value} > {spec['MaxValue']}")
        for rule, spec in self.template.get("Rules", {}).items():
            if "RuleCondition" in spec and not self.truth(spec["RuleCondition"]):
                continue
            for assertion in spec["Assertions"]:
                if not self.truth(assertion["Assert"]):
                    problems.append(f"rule {rule}: {assertion['AssertDescription']}")
        return problems

    def condition(self, name):
        return self.truth(self.template["Conditions"][name])

    def truth(self, node):
        (fn, args), = node.items()
        if fn == "Fn::Equals":
            return self.value(args[0]) == self.value(args[1])
        if fn == "Fn::Not":
            return not self.truth(args[0])
        if fn == "Fn::And":
            return all(self.truth(a) for a in args)
        if fn == "Fn::Or":
            return any(self.truth(a) for a in args)
        if fn == "Condition":
            return self.condition(args)
        if fn == "Fn::Contains":
            return self.value(args[1]) in [self.value(a) for a in self.value(args[0])]
        raise Unresolvable(f"condition {node}")

    def value(self, node):
        """A resolved value; resources stand for themselves (their physical ids are unique per stack anyway)."""
        if isinstance(node, list):
            return [v for v in (self.value(n) for n in node) if v is not None]
        if not isinstance(node, dict):
            return None if node is None else str(node) if not isinstance(node, bool) else str(node).lower()
        if len(node) != 1 or not next(iter(node)).startswith(("Fn::", "Ref")):
            return {k: self.value(v) for k, v in node.items()}
        (fn, args), = node.items()
        if fn == "Ref":
            return self.ref(args)
        if fn == "Fn::If":
            return self.value(args[1] if self.condition(args[0]) else args[2])
        if fn == "Fn::Sub":
            text, variables = (args, {}) if isinstance(args, str) else (args[0], args[1])
            scoped = {k: self.value(v) for k, v in variables.items()}

            def one(match):
                token = match.group(1)
                if token.startswith("!"):
                    return "${" + token[1:] + "}"
                if token in scoped:
                    return scoped[token]
                if "." in token:
                    return self.value({"Fn::GetAtt": token.split(".", 1)})
                return self.ref(token)
            return re.sub(r"\$\{([^}]+)}", one, text)
        if fn == "Fn::Join":
            return args[0].join(self.value(args[1]))
        if fn == "Fn::Split":
            return self.value(args[1]).split(args[0])
        if fn == "Fn::Select":
            return self.value(args[1])[int(self.value(args[0]))]
        if fn == "Fn::GetAtt":
            logical, attribute = args if isinstance(args, list) else args.split(".", 1)
            return f"<{self.name}:{logical}.{attribute}>"
        raise Unresolvable(f"{fn} {args}")

    def ref(self, name):
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.params:
            return self.params[name]
        if name in self.template["Resources"]:
            return f"<{self.name}:{name}>"
        raise Unresolvable(f"Ref {name}")


def at(properties, path):
    """The values at a dotted path; '*' walks a list."""
    values = [properties]
    for part in path.split("."):
        nxt = []
        for v in values:
            if part == "*" and isinstance(v, list):
                nxt.extend(v)
            elif isinstance(v, dict) and part in v:
                nxt.append(v[part])
        values = nxt
    return values


class StubPolicyLoader:
    def load(self):
        return {}


def environments():
    config = tomllib.loads((ROOT / "samconfig.toml").read_text())
    envs = {}
    for env, commands in config.items():
        if not isinstance(commands, dict) or "deploy" not in commands:
            continue
        stack = commands.get("global", {}).get("parameters", {}).get("stack_name") \
            or commands["deploy"]["parameters"].get("stack_name")
        overrides = dict(pair.split("=", 1) for pair in shlex.split(
            commands["deploy"]["parameters"].get("parameter_overrides", "")))
        envs[env] = (stack, overrides)
    return envs


def expand(stack_name, overrides):
    template = yaml_parse((ROOT / "template.yaml").read_text())
    # What `sam deploy` hands CloudFormation: the code uploaded to S3 (the bucket and key do not matter here).
    template.get("Globals", {}).get("Function", {})["CodeUri"] = "s3://cruddur-ci-artifacts/cruddur.zip"
    for resource in template["Resources"].values():
        if resource.get("Type") == "AWS::Serverless::Function" and "CodeUri" in resource.get("Properties", {}):
            resource["Properties"]["CodeUri"] = "s3://cruddur-ci-artifacts/cruddur.zip"
    stack = Stack(template, stack_name, overrides)
    problems = stack.parameter_problems()
    values = dict(stack.params)
    values.update({k: v for k, v in stack.pseudo.items() if v is not None})
    translated = transform(template, values, StubPolicyLoader())
    return Stack(translated, stack_name, overrides), problems


def names(stack):
    found = {}
    for logical, resource in stack.template["Resources"].items():
        if "Condition" in resource and not stack.condition(resource["Condition"]):
            continue
        for rtype, path, limit, chars in UNIQUE:
            if resource["Type"] != rtype:
                continue
            for raw in at(resource.get("Properties", {}), path):
                value = stack.value(raw)
                if value is not None:
                    found[(rtype, path, value)] = (logical, limit, chars)
    return found


def main():
    failures = []
    envs = environments()
    for required in ("default", "dev", "prod"):
        if required not in envs:
            failures.append(f"samconfig.toml has no [{required}] environment with deploy parameters")
    if failures:
        print("\n".join(failures))
        return 1
    if envs["default"][0] != envs["dev"][0] or envs["default"][1].get("Stage") == "prod":
        failures.append("a bare `sam deploy` (the default environment) must deploy the dev stack, not prod")
    if envs["dev"][0] == envs["prod"][0]:
        failures.append("dev and prod deploy the same stack name")

    for label, extra in (("as configured", {}), ("with every option on", EVERY_OPTION)):
        per_env = {}
        for env in ("dev", "prod"):
            stack_name, overrides = envs[env]
            expanded, problems = expand(stack_name, {**overrides, **extra})
            failures += [f"{env} ({label}): {p}" for p in problems]
            per_env[env] = names(expanded)
            for (rtype, path, value), (logical, limit, chars) in per_env[env].items():
                if len(value) > limit or not re.fullmatch(chars, value):
                    failures.append(f"{env}: {logical} {path} {value!r} breaks the limit ({limit} chars of {chars})")
        by_value = {}
        for env, found in per_env.items():
            for (rtype, path, value), (logical, _, _) in found.items():
                if value.startswith("<"):  # a generated physical id: unique by construction
                    continue
                by_value.setdefault((rtype, value), []).append(f"{env}:{logical}.{path}")
        for (rtype, value), owners in sorted(by_value.items()):
            if len({o.split(":")[0] for o in owners}) > 1:
                failures.append(f"{label}: {rtype} name {value!r} is the same in {', '.join(owners)}")
        counted = sum(len(f) for f in per_env.values())
        print(f"{label}: {counted} account-unique names in dev ({envs['dev'][0]}) and prod ({envs['prod'][0]}),"
              f" {len(by_value)} distinct")
    if failures:
        print("\n".join(["FAILED:"] + failures))
        return 1
    print("OK: the environments' names differ and fit their limits")
    return 0


if __name__ == "__main__":
    sys.exit(main())
