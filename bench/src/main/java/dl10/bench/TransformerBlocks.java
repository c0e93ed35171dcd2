package dl10.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Lesson 06's Transformer, block for block as the lesson builds it (scaled dot-product attention,
 * multi-head attention from four weight matrices, pre-norm layers, sinusoidal positions, a causal
 * mask, cross-entropy from log-softmax and one-hot labels), so that the benchmark times the lesson's
 * own training step.
 */
final class TransformerBlocks {

    static final int START = 10;

    private TransformerBlocks() {
    }

    static Trainer newTrainer(Model model, Tracker learningRate, Shape... inputShapes) {
        Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Optimizer.adam().optLearningRateTracker(learningRate).build()));
        trainer.initialize(inputShapes);
        return trainer;
    }

    /** softmax(Q K^T / sqrt(d_k) + mask) V; returns the output and the attention weights. */
    static NDList attention(NDArray q, NDArray k, NDArray v, NDArray mask) {
        long dk = q.getShape().tail();
        NDArray scale = q.getManager().create((float) (1.0 / Math.sqrt(dk)));
        NDArray scores = q.matMul(k.swapAxes(-1, -2)).mul(scale);
        if (mask != null) {
            scores = scores.add(mask);
        }
        NDArray weights = scores.softmax(-1);
        return new NDList(weights.matMul(v), weights);
    }

    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int classes = (int) logits.getShape().tail();
        return logits.logSoftmax(-1).mul(labels.oneHot(classes)).sum(new int[] {-1}).mean().neg();
    }

    static NDArray decoderInput(NDArray y) {
        NDArray start = y.getManager().full(new Shape(y.getShape().get(0), 1), START, DataType.INT32);
        return start.concat(y.get(":, :-1"), 1);
    }

    static NDArray causalMask(NDManager m, int t) {
        float[] a = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                a[i * t + j] = -1e9f;
            }
        }
        return m.create(a, new Shape(t, t));
    }

    static NDList windows(NDManager m, int[] bookIds, int[] starts, int context) {
        int[] x = new int[starts.length * context];
        int[] y = new int[starts.length * context];
        for (int w = 0; w < starts.length; w++) {
            System.arraycopy(bookIds, starts[w], x, w * context, context);
            System.arraycopy(bookIds, starts[w] + 1, y, w * context, context);
        }
        Shape shape = new Shape(starts.length, context);
        return new NDList(m.create(x, shape), m.create(y, shape));
    }

    static float[] sinusoidalTable(int maxLen, int d) {
        float[] pe = new float[maxLen * d];
        for (int pos = 0; pos < maxLen; pos++) {
            for (int i = 0; i < d; i += 2) {
                double angle = pos / Math.pow(10000, (double) i / d);
                pe[pos * d + i] = (float) Math.sin(angle);
                pe[pos * d + i + 1] = (float) Math.cos(angle);
            }
        }
        return pe;
    }

    static Parameter weight(String name, long rows, long cols) {
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(rows, cols)).optInitializer(new XavierInitializer()).build();
    }

    static Parameter vector(String name, Parameter.Type type, long size) {
        return Parameter.builder().setName(name).setType(type).optShape(new Shape(size)).build();
    }

    /** A block whose children all have fixed-shape parameters: initialise each with the block's inputs. */
    abstract static class Composite extends AbstractBlock {
        @Override
        protected void initializeChildBlocks(NDManager m, DataType type, Shape... inputShapes) {
            for (Block child : getChildren().values()) {
                child.initialize(m, type, inputShapes);
            }
        }
    }

    static final class MultiHeadAttention extends AbstractBlock {
        final int d;
        final int heads;
        final Parameter wq;
        final Parameter wk;
        final Parameter wv;
        final Parameter wo;
        final Parameter bo;

        MultiHeadAttention(int d, int heads) {
            this.d = d;
            this.heads = heads;
            wq = addParameter(weight("wq", d, d));
            wk = addParameter(weight("wk", d, d));
            wv = addParameter(weight("wv", d, d));
            wo = addParameter(weight("wo", d, d));
            bo = addParameter(vector("bo", Parameter.Type.BIAS, d));
        }

        NDArray splitHeads(NDArray x) {
            Shape s = x.getShape();
            return x.reshape(s.get(0), s.get(1), heads, d / heads).transpose(0, 2, 1, 3);
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray xq = in.get(0);
            NDArray xkv = in.get(1);
            NDArray mask = in.size() > 2 ? in.get(2) : null;
            Device dev = xq.getDevice();
            NDArray q = splitHeads(xq.matMul(ps.getValue(wq, dev, training)));
            NDArray k = splitHeads(xkv.matMul(ps.getValue(wk, dev, training)));
            NDArray v = splitHeads(xkv.matMul(ps.getValue(wv, dev, training)));
            NDList att = attention(q, k, v, mask);
            NDArray joined = att.get(0).transpose(0, 2, 1, 3).reshape(xq.getShape());
            NDArray out = joined.matMul(ps.getValue(wo, dev, training)).add(ps.getValue(bo, dev, training));
            return new NDList(out, att.get(1));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0], new Shape(s[0].get(0), heads, s[0].get(1), s[1].get(1))};
        }
    }

    static final class Norm extends AbstractBlock {
        final int d;
        final Parameter gamma;
        final Parameter beta;

        Norm(int d) {
            this.d = d;
            gamma = addParameter(vector("gamma", Parameter.Type.GAMMA, d));
            beta = addParameter(vector("beta", Parameter.Type.BETA, d));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            Device dev = in.head().getDevice();
            return LayerNorm.layerNorm(in.head(), new Shape(d), ps.getValue(gamma, dev, training),
                    ps.getValue(beta, dev, training), 1e-5f);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0]};
        }
    }

    static final class FeedForward extends AbstractBlock {
        final Parameter w1;
        final Parameter b1;
        final Parameter w2;
        final Parameter b2;

        FeedForward(int d, int hidden) {
            w1 = addParameter(weight("w1", d, hidden));
            b1 = addParameter(vector("b1", Parameter.Type.BIAS, hidden));
            w2 = addParameter(weight("w2", hidden, d));
            b2 = addParameter(vector("b2", Parameter.Type.BIAS, d));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            Device dev = in.head().getDevice();
            NDArray h = in.head().matMul(ps.getValue(w1, dev, training)).add(ps.getValue(b1, dev, training));
            h = h.clip(0, Float.MAX_VALUE);
            return new NDList(h.matMul(ps.getValue(w2, dev, training)).add(ps.getValue(b2, dev, training)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0]};
        }
    }

    static final class TransformerLayer extends Composite {
        final Norm norm1;
        final Norm norm2;
        final Norm norm3;
        final MultiHeadAttention self;
        final MultiHeadAttention cross;
        final FeedForward ffn;

        TransformerLayer(int d, int heads, int hidden, boolean withCrossAttention) {
            norm1 = addChildBlock("norm1", new Norm(d));
            self = addChildBlock("self", new MultiHeadAttention(d, heads));
            norm2 = withCrossAttention ? addChildBlock("norm2", new Norm(d)) : null;
            cross = withCrossAttention ? addChildBlock("cross", new MultiHeadAttention(d, heads)) : null;
            norm3 = addChildBlock("norm3", new Norm(d));
            ffn = addChildBlock("ffn", new FeedForward(d, hidden));
        }

        NDArray norm(Norm n, ParameterStore ps, NDArray x, boolean training) {
            return n.forward(ps, new NDList(x), training).head();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray x = in.get(0);
            NDArray mask = in.size() > 1 && in.get(1).size() > 0 ? in.get(1) : null;
            NDArray h = norm(norm1, ps, x, training);
            NDList a = self.forward(ps, mask == null ? new NDList(h, h) : new NDList(h, h, mask), training);
            x = x.add(a.get(0));
            NDList out = new NDList(x, a.get(1));
            if (cross != null) {
                NDList c = cross.forward(ps, new NDList(norm(norm2, ps, x, training), in.get(2)), training);
                x = x.add(c.get(0));
                out = new NDList(x, a.get(1), c.get(1));
            }
            x = x.add(ffn.forward(ps, new NDList(norm(norm3, ps, x, training)), training).head());
            out.set(0, x);
            return out;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0]};
        }
    }

    static final class TokenAndPosition extends AbstractBlock {
        final int d;
        final int maxLen;
        final boolean withPositions;
        final float[] table;
        final Parameter embedding;

        TokenAndPosition(int vocab, int d, int maxLen, boolean withPositions) {
            this.d = d;
            this.maxLen = maxLen;
            this.withPositions = withPositions;
            this.table = sinusoidalTable(maxLen, d);
            embedding = addParameter(Parameter.builder().setName("embedding").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(vocab, d)).optInitializer(new NormalInitializer(1f)).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray ids = in.head();
            int t = (int) ids.getShape().get(1);
            NDArray x = Embedding.embedding(ids, ps.getValue(embedding, ids.getDevice(), training),
                    SparseFormat.DENSE).head();
            if (withPositions) {
                x = x.add(ids.getManager().create(Arrays.copyOf(table, t * d), new Shape(t, d)));
            }
            return new NDList(x);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0].add(d)};
        }
    }

    static final class EncoderDecoder extends Composite {
        final int vocab;
        final TokenAndPosition srcEmbed;
        final TokenAndPosition tgtEmbed;
        final List<TransformerLayer> encoder = new ArrayList<>();
        final List<TransformerLayer> decoder = new ArrayList<>();
        final Norm encoderNorm;
        final Norm decoderNorm;
        final Parameter toVocab;

        EncoderDecoder(int vocab, int d, int heads, int hidden, int layers, int maxLen, boolean withPositions) {
            this.vocab = vocab;
            srcEmbed = addChildBlock("srcEmbed", new TokenAndPosition(vocab, d, maxLen, withPositions));
            tgtEmbed = addChildBlock("tgtEmbed", new TokenAndPosition(vocab, d, maxLen, withPositions));
            for (int l = 0; l < layers; l++) {
                encoder.add(addChildBlock("encoder" + l, new TransformerLayer(d, heads, hidden, false)));
            }
            for (int l = 0; l < layers; l++) {
                decoder.add(addChildBlock("decoder" + l, new TransformerLayer(d, heads, hidden, true)));
            }
            encoderNorm = addChildBlock("encoderNorm", new Norm(d));
            decoderNorm = addChildBlock("decoderNorm", new Norm(d));
            toVocab = addParameter(weight("toVocab", d, vocab));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray src = in.get(0);
            NDArray tgt = in.get(1);
            NDArray noMask = src.getManager().create(new float[0]);
            NDArray x = srcEmbed.forward(ps, new NDList(src), training).head();
            for (TransformerLayer layer : encoder) {
                x = layer.forward(ps, new NDList(x, noMask), training).head();
            }
            NDArray memory = encoderNorm.forward(ps, new NDList(x), training).head();
            NDArray y = tgtEmbed.forward(ps, new NDList(tgt), training).head();
            NDArray mask = causalMask(tgt.getManager(), (int) tgt.getShape().get(1));
            NDArray crossWeights = null;
            for (TransformerLayer layer : decoder) {
                NDList out = layer.forward(ps, new NDList(y, mask, memory), training);
                y = out.get(0);
                crossWeights = out.get(2);
            }
            y = decoderNorm.forward(ps, new NDList(y), training).head();
            return new NDList(y.matMul(ps.getValue(toVocab, y.getDevice(), training)), crossWeights);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[1].add(vocab)};
        }
    }

    static final class CharTransformer extends Composite {
        final int vocab;
        final TokenAndPosition embed;
        final List<TransformerLayer> layers = new ArrayList<>();
        final Norm finalNorm;
        final Parameter toVocab;

        CharTransformer(int vocab, int d, int heads, int hidden, int nLayers, int maxLen) {
            this.vocab = vocab;
            embed = addChildBlock("embed", new TokenAndPosition(vocab, d, maxLen, true));
            for (int l = 0; l < nLayers; l++) {
                layers.add(addChildBlock("layer" + l, new TransformerLayer(d, heads, hidden, false)));
            }
            finalNorm = addChildBlock("finalNorm", new Norm(d));
            toVocab = addParameter(weight("toVocab", d, vocab));
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            NDArray ids = in.head();
            NDArray mask = causalMask(ids.getManager(), (int) ids.getShape().get(1));
            NDArray x = embed.forward(ps, new NDList(ids), training).head();
            NDArray weights = null;
            for (TransformerLayer layer : layers) {
                NDList out = layer.forward(ps, new NDList(x, mask), training);
                x = out.get(0);
                weights = out.get(1);
            }
            x = finalNorm.forward(ps, new NDList(x), training).head();
            return new NDList(x.matMul(ps.getValue(toVocab, x.getDevice(), training)), weights);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] s) {
            return new Shape[] {s[0].add(vocab)};
        }
    }
}
