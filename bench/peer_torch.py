"""The PyTorch side of the peer benchmark: the same four training steps as dl10.bench.PeerBench
(lessons 01, 02 and 06), the same data (written by the Java side's `export`), shapes, batch sizes,
optimizers and learning-rate schedules, on one thread, with PyTorch's usual training loop
(shuffled index tensor, indexing, zero_grad, forward, loss, backward, step, the loss summed on the
tensor side and read once per epoch).

Same line protocol as the Java side: `run WORKLOAD STEPS` answers one JSON line with the median and
mean time between step starts, and the process CPU time per step; `quit` ends.

    python peer_torch.py DATA_DIR
"""
import json
import math
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
import torch  # noqa: E402
import torch.nn as nn  # noqa: E402
import torch.nn.functional as F  # noqa: E402

torch.set_num_threads(1)
torch.set_num_interop_threads(1)


def load(path, dtype):
    with open(path, "rb") as f:
        return torch.frombuffer(bytearray(f.read()), dtype=dtype)


class Clock:
    def __init__(self):
        self.wall = []
        self.cpu0 = time.process_time_ns()

    def tick(self):
        self.wall.append(time.perf_counter_ns())

    def end(self):
        self.cpu1 = time.process_time_ns()

    def answer(self, name):
        d = sorted(b - a for a, b in zip(self.wall, self.wall[1:]))
        n = len(d)
        median = d[n // 2] if n % 2 else (d[n // 2 - 1] + d[n // 2]) / 2
        return json.dumps({"workload": name, "steps": len(self.wall), "median_us": round(median / 1e3, 1),
                           "mean_us": round((self.wall[-1] - self.wall[0]) / 1e3 / n, 1),
                           "cpu_us": round((self.cpu1 - self.cpu0) / 1e3 / len(self.wall), 1)})


def epochs_over(x, y, batch_size, step, steps, clock, generator):
    """PyTorch's usual loop over tensors: a fresh permutation per epoch, batches by indexing."""
    n = x.shape[0]
    per_epoch = (n + batch_size - 1) // batch_size
    for _ in range((steps + per_epoch - 1) // per_epoch):
        order = torch.randperm(n, generator=generator)
        loss_sum = torch.zeros(())
        for b in range(per_epoch):
            clock.tick()
            idx = order[b * batch_size:(b + 1) * batch_size]
            loss_sum += step(x[idx], y[idx])
        loss_sum.item()


def trainer(model, optimizer, schedule, loss_of):
    def step(xb, yb):
        optimizer.zero_grad()
        loss = loss_of(model, xb, yb)
        loss.backward()
        optimizer.step()
        if schedule is not None:
            schedule.step()
        return loss.detach()
    return step


def cosine(base, final, max_updates):
    """DJL's cosine tracker as a LambdaLR factor."""
    return lambda n: (final + (base - final) / 2 * (1 + math.cos(math.pi * min(n, max_updates) / max_updates))) / base


def cross_entropy_logits(model, xb, yb):
    return F.cross_entropy(model(xb), yb)


# ---- lesson 01 and 02 ----

def mlp_workload(data, meta):
    x = load(os.path.join(data, "01-mlp.x.f32"), torch.float32).reshape(-1, 4)
    y = load(os.path.join(data, "01-mlp.y.i32"), torch.int32).long()
    model = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 3))
    step = trainer(model, torch.optim.Adam(model.parameters(), lr=0.01), None, cross_entropy_logits)
    g = torch.Generator().manual_seed(42)
    return lambda steps, clock: epochs_over(x, y, 16, step, steps, clock, g)


def conv_layer(cin, filters, padding):
    return [nn.Conv2d(cin, filters, 5, padding=padding), nn.BatchNorm2d(filters), nn.ReLU()]


def lenet_workload(data, meta):
    x = load(os.path.join(data, "02-cnn.x.f32"), torch.float32).reshape(-1, 1, 28, 28)
    y = load(os.path.join(data, "02-cnn.y.i32"), torch.int32).long()
    model = nn.Sequential(*conv_layer(1, 6, 2), nn.MaxPool2d(2, 2), *conv_layer(6, 16, 0), nn.MaxPool2d(2, 2),
                          nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                          nn.Linear(84, 10))
    opt = torch.optim.Adam(model.parameters(), lr=0.002)
    schedule = torch.optim.lr_scheduler.LambdaLR(opt, cosine(0.002, 0.002 / 50, 6 * (x.shape[0] // 64)))
    step = trainer(model, opt, schedule, cross_entropy_logits)
    g = torch.Generator().manual_seed(42)
    return lambda steps, clock: epochs_over(x, y, 64, step, steps, clock, g)


# ---- lesson 06: the same blocks as the lesson ----

def xavier(rows, cols):
    w = torch.empty(rows, cols)
    nn.init.xavier_uniform_(w)
    return nn.Parameter(w)


def attention(q, k, v, mask):
    scores = q.matmul(k.transpose(-1, -2)) * (1.0 / math.sqrt(q.shape[-1]))
    if mask is not None:
        scores = scores + mask
    weights = scores.softmax(-1)
    return weights.matmul(v), weights


class MultiHeadAttention(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.d, self.heads = d, heads
        self.wq, self.wk, self.wv, self.wo = (xavier(d, d) for _ in range(4))
        self.bo = nn.Parameter(torch.zeros(d))

    def split(self, x):
        b, t, _ = x.shape
        return x.reshape(b, t, self.heads, self.d // self.heads).transpose(1, 2)

    def forward(self, xq, xkv, mask=None):
        q, k, v = self.split(xq @ self.wq), self.split(xkv @ self.wk), self.split(xkv @ self.wv)
        out, weights = attention(q, k, v, mask)
        joined = out.transpose(1, 2).reshape(xq.shape)
        return joined @ self.wo + self.bo, weights


class Norm(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.d = d
        self.gamma, self.beta = nn.Parameter(torch.ones(d)), nn.Parameter(torch.zeros(d))

    def forward(self, x):
        return F.layer_norm(x, (self.d,), self.gamma, self.beta, 1e-5)


class FeedForward(nn.Module):
    def __init__(self, d, hidden):
        super().__init__()
        self.w1, self.b1 = xavier(d, hidden), nn.Parameter(torch.zeros(hidden))
        self.w2, self.b2 = xavier(hidden, d), nn.Parameter(torch.zeros(d))

    def forward(self, x):
        h = (x @ self.w1 + self.b1).clamp(0, torch.finfo(torch.float32).max)
        return h @ self.w2 + self.b2


class TransformerLayer(nn.Module):
    def __init__(self, d, heads, hidden, cross):
        super().__init__()
        self.norm1, self.self_att = Norm(d), MultiHeadAttention(d, heads)
        self.norm2 = Norm(d) if cross else None
        self.cross = MultiHeadAttention(d, heads) if cross else None
        self.norm3, self.ffn = Norm(d), FeedForward(d, hidden)

    def forward(self, x, mask=None, memory=None):
        h = self.norm1(x)
        a, self_weights = self.self_att(h, h, mask)
        x = x + a
        cross_weights = None
        if self.cross is not None:
            c, cross_weights = self.cross(self.norm2(x), memory)
            x = x + c
        x = x + self.ffn(self.norm3(x))
        return x, self_weights, cross_weights


def sinusoidal_table(max_len, d):
    pe = torch.zeros(max_len, d)
    for pos in range(max_len):
        for i in range(0, d, 2):
            angle = pos / math.pow(10000, i / d)
            pe[pos, i], pe[pos, i + 1] = math.sin(angle), math.cos(angle)
    return pe


class TokenAndPosition(nn.Module):
    def __init__(self, vocab, d, max_len, with_positions):
        super().__init__()
        self.embedding = nn.Parameter(torch.randn(vocab, d))
        self.register_buffer("table", sinusoidal_table(max_len, d) if with_positions else None)

    def forward(self, ids):
        x = F.embedding(ids, self.embedding)
        return x + self.table[:ids.shape[1]] if self.table is not None else x


def causal_mask(t):
    return torch.full((t, t), -1e9).triu(1)


class EncoderDecoder(nn.Module):
    def __init__(self, vocab, d, heads, hidden, layers, max_len, with_positions):
        super().__init__()
        self.src_embed = TokenAndPosition(vocab, d, max_len, with_positions)
        self.tgt_embed = TokenAndPosition(vocab, d, max_len, with_positions)
        self.encoder = nn.ModuleList(TransformerLayer(d, heads, hidden, False) for _ in range(layers))
        self.decoder = nn.ModuleList(TransformerLayer(d, heads, hidden, True) for _ in range(layers))
        self.encoder_norm, self.decoder_norm = Norm(d), Norm(d)
        self.to_vocab = xavier(d, vocab)
        self.register_buffer("mask", causal_mask(max_len))

    def forward(self, src, tgt):
        x = self.src_embed(src)
        for layer in self.encoder:
            x = layer(x)[0]
        memory = self.encoder_norm(x)
        y = self.tgt_embed(tgt)
        t = tgt.shape[1]
        for layer in self.decoder:
            y = layer(y, self.mask[:t, :t], memory)[0]
        return self.decoder_norm(y) @ self.to_vocab


class CharTransformer(nn.Module):
    def __init__(self, vocab, d, heads, hidden, n_layers, max_len):
        super().__init__()
        self.embed = TokenAndPosition(vocab, d, max_len, True)
        self.layers = nn.ModuleList(TransformerLayer(d, heads, hidden, False) for _ in range(n_layers))
        self.final_norm = Norm(d)
        self.to_vocab = xavier(d, vocab)
        self.register_buffer("mask", causal_mask(max_len))

    def forward(self, ids):
        t = ids.shape[1]
        x = self.embed(ids)
        for layer in self.layers:
            x = layer(x, self.mask[:t, :t])[0]
        return self.final_norm(x) @ self.to_vocab


def lesson_cross_entropy(logits, labels):
    """The lesson's loss: -mean(sum(log_softmax(logits) * one_hot(labels)))."""
    return -(logits.log_softmax(-1) * F.one_hot(labels, logits.shape[-1])).sum(-1).mean()


def reversal_workload(data, meta):
    x = load(os.path.join(data, "06-reversal.x.i32"), torch.int32).long().reshape(-1, 8)
    y = load(os.path.join(data, "06-reversal.y.i32"), torch.int32).long().reshape(-1, 8)
    model = EncoderDecoder(11, 32, 2, 64, 1, 8, True)
    start = torch.full((250, 1), 10, dtype=torch.long)

    def loss_of(m, xb, yb):
        decoder_in = torch.cat([start[:yb.shape[0]], yb[:, :-1]], 1)
        return lesson_cross_entropy(m(xb, decoder_in), yb)

    step = trainer(model, torch.optim.Adam(model.parameters(), lr=3e-3), None, loss_of)
    g = torch.Generator().manual_seed(1)
    return lambda steps, clock: epochs_over(x, y, 250, step, steps, clock, g)


def charlm_workload(data, meta):
    m = meta["06-charlm"]
    ids = load(os.path.join(data, "06-charlm.ids.i32"), torch.int32).long()
    context, batch = 32, 64
    model = CharTransformer(m["vocab"], 64, 4, 256, 1, context)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    main = cosine(1e-2, 5e-4, 600)

    def factor(n):  # DJL's warm-up tracker: linear from 1e-3 over 30 steps, then the cosine
        return (1e-3 + (1e-2 - 1e-3) * n / 30) / 1e-2 if n < 30 else main(n - 30)

    schedule = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    g = torch.Generator().manual_seed(42)
    offsets = torch.arange(context)

    def loss_of(mdl, xb, yb):
        return lesson_cross_entropy(mdl(xb), yb)

    step = trainer(model, opt, schedule, loss_of)

    def run(steps, clock):
        for _ in range((steps + 99) // 100):
            loss_sum = torch.zeros(())
            for _ in range(100):
                clock.tick()
                starts = torch.randint(0, m["train_end"] - context - 1, (batch, 1), generator=g)
                window = starts + offsets
                loss_sum += step(ids[window], ids[window + 1])
            loss_sum.item()
    return run


WORKLOADS = {"01-mlp": mlp_workload, "02-cnn": lenet_workload, "06-reversal": reversal_workload,
             "06-charlm": charlm_workload}


def main():
    data = sys.argv[1]
    meta = json.load(open(os.path.join(data, "meta.json")))
    built = {}
    print(json.dumps({"ready": "torch", "engine": "PyTorch " + torch.__version__,
                      "threads": torch.get_num_threads()}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            return
        if words[0] != "run" or len(words) != 3 or words[1] not in WORKLOADS:
            print(json.dumps({"error": f"unknown command {line.strip()!r}; expected run WORKLOAD STEPS or quit"}),
                  flush=True)
            continue
        name, steps = words[1], int(words[2])
        if name not in built:
            torch.manual_seed(42)
            built[name] = WORKLOADS[name](data, meta)
        clock = Clock()
        built[name](steps, clock)
        clock.end()
        print(clock.answer(name), flush=True)


if __name__ == "__main__":
    main()
