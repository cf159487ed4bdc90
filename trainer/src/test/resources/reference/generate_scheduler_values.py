"""Regenerates scheduler_values.json by running pytorch-accelerated's own scheduler classes.

Usage: python3 generate_scheduler_values.py <path to a pytorch-accelerated checkout> > scheduler_values.json

torch is not needed: the schedulers only read and write optimizer.param_groups, so a stub optimizer
with two parameter groups (lr 0.01 and 0.002, as in the reference's tests) stands in for it.
"""
import json
import sys
import types
from pathlib import Path

root = Path(sys.argv[1])
sys.modules["torch"] = types.ModuleType("torch")
sys.modules["torch"].optim = types.SimpleNamespace(Optimizer=object)
package = types.ModuleType("pytorch_accelerated")
package.__path__ = []


class Placeholder:  # stands in for TrainerPlaceholderValues; factories are not exercised here
    NUM_EPOCHS = PER_PROCESS_NUM_UPDATE_STEPS_PER_EPOCH = NUM_UPDATE_STEPS_PER_EPOCH = None


package.TrainerPlaceholderValues = Placeholder
sys.modules["pytorch_accelerated"] = package
trainer_module = types.ModuleType("pytorch_accelerated.trainer")
trainer_module.TrainerPlaceholderValues = Placeholder
sys.modules["pytorch_accelerated.trainer"] = trainer_module
schedulers = types.ModuleType("pytorch_accelerated.schedulers")
schedulers.__path__ = []
sys.modules["pytorch_accelerated.schedulers"] = schedulers


def load(name, file):
    module = types.ModuleType(name)
    exec(compile((root / file).read_text(), file, "exec"), module.__dict__)
    sys.modules[name] = module
    return module


load("pytorch_accelerated.schedulers.scheduler_base", "pytorch_accelerated/schedulers/scheduler_base.py")
cosine = load("pytorch_accelerated.schedulers.cosine_scheduler", "pytorch_accelerated/schedulers/cosine_scheduler.py")
wsd = load("pytorch_accelerated.schedulers.wsd_scheduler", "pytorch_accelerated/schedulers/wsd_scheduler.py")


class StubOptimizer:
    def __init__(self, lr_1=0.01, lr_2=0.002):
        self.param_groups = [{"lr": lr_1}, {"lr": lr_2}]


def run(scheduler, steps):
    groups = scheduler.optimizer.param_groups
    before = [g["lr"] for g in groups]
    after = [[], []]
    for _ in range(steps):
        scheduler.step()
        for i, g in enumerate(groups):
            after[i].append(g["lr"])
    return {"before": before, "after": after}


cases = []


def cosine_case(name, steps, base=(0.01, 0.002), **kwargs):
    scheduler = cosine.CosineLrScheduler(StubOptimizer(*base), **kwargs)
    cases.append({"kind": "cosine", "name": name, "base": list(base), "options": kwargs, "steps": steps,
                  **run(scheduler, steps)})


def wsd_case(name, steps, base=(0.01, 0.002), **kwargs):
    scheduler = wsd.WSDLrScheduler(StubOptimizer(*base), **kwargs)
    result = run(scheduler, steps)
    cases.append({"kind": "wsd", "name": name, "base": list(base), "options": kwargs, "steps": steps,
                  "checkpoint_steps": scheduler.get_checkpoint_steps(), "decay_info": scheduler.get_decay_info(),
                  "num_warmup_steps": scheduler.num_warmup_steps, **result})


cosine_case("defaults", 31, total_num_epochs=3, num_update_steps_per_epoch=10)
cosine_case("lr_min", 11, total_num_epochs=1, num_update_steps_per_epoch=10, lr_min=0.0001)
cosine_case("min_lr_ratio", 11, total_num_epochs=1, num_update_steps_per_epoch=10, min_lr_ratio=0.5)
cosine_case("cooldown", 100, total_num_epochs=10, num_update_steps_per_epoch=10, num_cooldown_epochs=2)
cosine_case("warmup", 100, total_num_epochs=10, num_update_steps_per_epoch=10, num_warmup_epochs=2,
            warmup_starting_lr=1e-6)
cosine_case("warmup_ratio", 100, total_num_epochs=10, num_update_steps_per_epoch=10, num_warmup_epochs=2,
            warmup_starting_lr_ratio=0.01)
cosine_case("warmup_and_cooldown", 105, total_num_epochs=10, num_update_steps_per_epoch=10, num_warmup_epochs=2,
            warmup_starting_lr=1e-6, lr_min=1e-6, num_cooldown_epochs=2)
cosine_case("k_decay", 40, total_num_epochs=5, num_update_steps_per_epoch=7, k_decay=2.0, lr_min=0.0005)
cosine_case("issue14_warmup_epoch", 12, base=(0.01, 0.01), total_num_epochs=3, num_update_steps_per_epoch=4,
            num_warmup_epochs=1, warmup_starting_lr=0.0)

wsd_case("two_checkpoints", 1001, total_steps=1000, num_checkpoints=2)
wsd_case("default_warmup", 1001, total_steps=1000, num_checkpoints=2, num_warmup_steps=None)
wsd_case("three_checkpoints_sqrt", 1001, total_steps=1000, num_checkpoints=3, decay_phase_ratio=0.1, lr_min=1e-6)
wsd_case("inverse_proportional", 1001, total_steps=1000, num_checkpoints=2, decay_phase_ratio=0.1, lr_min=0.1,
         use_inverse_sqrt_decay=False)
wsd_case("warmup_then_two_checkpoints", 1001, total_steps=1000, num_warmup_steps=100, num_checkpoints=2,
         decay_phase_ratio=0.1, lr_min=1e-6)
wsd_case("single_checkpoint", 101, total_steps=100, num_checkpoints=1, decay_phase_ratio=0.1)
wsd_case("four_checkpoints", 201, total_steps=200, num_checkpoints=4, decay_phase_ratio=0.2, num_warmup_steps=5)

# continuation: train to the pre-decay step, save, continue with a new length
initial = wsd.WSDLrScheduler(StubOptimizer(0.01, 0.01), total_steps=100, num_checkpoints=1, decay_phase_ratio=0.1,
                             num_warmup_steps=10)
run(initial, 90)
state = {k: v for k, v in initial.state_dict().items()}
continued = wsd.WSDLrScheduler(StubOptimizer(0.01, 0.01), total_steps=50, is_continuation_from_checkpoint=True,
                               num_checkpoints=1, decay_phase_ratio=0.1)
continued.load_state_dict(state)
# the reference overwrites the continuation flag with the saved one; Java keeps it, so record both facts
cases.append({"kind": "wsd_continuation", "name": "pre_decay_continuation", "base": [0.01, 0.01],
              "initial": {"total_steps": 100, "num_checkpoints": 1, "decay_phase_ratio": 0.1, "num_warmup_steps": 10},
              "initial_steps": 90, "continued": {"total_steps": 50},
              "flag_after_load": continued.is_continuation_from_checkpoint, "steps": 51,
              "checkpoint_steps": continued.get_checkpoint_steps(), **run(continued, 51)})

json.dump({"source": "pytorch-accelerated " + (sys.argv[2] if len(sys.argv) > 2 else ""), "cases": cases},
          sys.stdout, indent=None)
