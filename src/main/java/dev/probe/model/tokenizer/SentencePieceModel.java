package dev.probe.model.tokenizer;

import dev.probe.ProbeException;
import dev.probe.io.InputFiles;
import dev.probe.model.onnx.MalformedProtoException;
import dev.probe.model.onnx.ProtoReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;

/**
 * The parts of a SentencePiece {@code ModelProto} ({@code spiece.model}) a tokenizer needs: the pieces (field 1: piece
 * 1, score 2, type 3), the trainer spec's model type (field 2.3: UNIGRAM 1, BPE 2, WORD 3, CHAR 4) and unknown id
 * (2.40), and the normalizer spec (field 3: name 1, precompiled charsmap 2, add_dummy_prefix 3,
 * remove_extra_whitespaces 4). Absent fields take the proto's defaults.
 *
 * @param file the model file
 * @param pieces the pieces, their index the id
 * @param modelType the trainer's model type
 * @param unkId the unknown piece's id: the piece of type UNKNOWN, else the trainer spec's {@code unk_id}
 * @param normalizerName the normalization rule's name ({@code nmt_nfkc}, {@code identity}, …), or "" when unnamed
 * @param charsmap the precompiled charsmap, empty for none
 * @param addDummyPrefix whether a {@code ▁} is prepended to the text
 * @param removeExtraWhitespaces whether runs of spaces are squeezed and the ends stripped
 */
public record SentencePieceModel(Path file, List<Piece> pieces, int modelType, int unkId, String normalizerName,
        byte[] charsmap, boolean addDummyPrefix, boolean removeExtraWhitespaces) {
    /** The largest {@code spiece.model} read: 64 MiB. */
    public static final long MAX_FILE_BYTES = 64L << 20;
    /** {@code TrainerSpec.ModelType.UNIGRAM}. */
    public static final int UNIGRAM = 1;
    /** {@code SentencePiece.Type.NORMAL}. */
    public static final int NORMAL = 1;
    /** {@code SentencePiece.Type.UNKNOWN}. */
    public static final int UNKNOWN = 2;
    /** {@code SentencePiece.Type.CONTROL}. */
    public static final int CONTROL = 3;
    /** {@code SentencePiece.Type.USER_DEFINED}. */
    public static final int USER_DEFINED = 4;

    /**
     * One piece.
     *
     * @param piece its text, {@code ▁} for a space
     * @param score its log probability (Unigram)
     * @param type NORMAL 1, UNKNOWN 2, CONTROL 3, USER_DEFINED 4, UNUSED 5, BYTE 6
     */
    public record Piece(String piece, float score, int type) {
    }

    /**
     * Reads a model file.
     *
     * @throws ProbeException naming the file when it is not a SentencePiece model (bad protobuf, no pieces, a piece
     *     without text, an unknown id out of range)
     */
    public static SentencePieceModel read(Path file) throws ProbeException {
        byte[] bytes = InputFiles.readSmall(file, MAX_FILE_BYTES, "a spiece.model");
        try {
            return parse(file, new ProtoReader(ByteBuffer.wrap(bytes)));
        } catch (MalformedProtoException e) {
            throw new ProbeException(file, "not a SentencePiece model: " + e.getMessage(), e);
        }
    }

    private static SentencePieceModel parse(Path file, ProtoReader r) throws MalformedProtoException, ProbeException {
        List<Piece> pieces = new ArrayList<>();
        int modelType = UNIGRAM;
        int trainerUnk = 0;
        String name = "";
        byte[] charsmap = new byte[0];
        boolean dummy = true;
        boolean squeeze = true;
        while (r.hasRemaining()) {
            switch (r.nextField()) {
                case 1 -> pieces.add(piece(file, r.readMessage()));
                case 2 -> {
                    ProtoReader t = r.readMessage();
                    while (t.hasRemaining()) {
                        switch (t.nextField()) {
                            case 3 -> modelType = (int) t.readVarint();
                            case 40 -> trainerUnk = (int) t.readVarint();
                            default -> t.skipField();
                        }
                    }
                }
                case 3 -> {
                    ProtoReader n = r.readMessage();
                    while (n.hasRemaining()) {
                        switch (n.nextField()) {
                            case 1 -> name = n.readString();
                            case 2 -> {
                                ByteBuffer map = n.readBytes();
                                charsmap = new byte[map.remaining()];
                                map.get(charsmap);
                            }
                            case 3 -> dummy = n.readVarint() != 0;
                            case 4 -> squeeze = n.readVarint() != 0;
                            default -> n.skipField();
                        }
                    }
                }
                default -> r.skipField();
            }
        }
        if (pieces.isEmpty()) {
            throw new ProbeException(file, "not a SentencePiece model: no pieces");
        }
        int unk = -1;
        for (int i = 0; i < pieces.size() && unk < 0; i++) {
            if (pieces.get(i).type() == UNKNOWN) {
                unk = i;
            }
        }
        if (unk < 0) {
            unk = trainerUnk;
        }
        if (unk < 0 || unk >= pieces.size()) {
            throw new ProbeException(file, "not a SentencePiece model: unknown id " + unk + " outside the "
                    + pieces.size() + " pieces");
        }
        return new SentencePieceModel(file, List.copyOf(pieces), modelType, unk, name, charsmap, dummy, squeeze);
    }

    private static Piece piece(Path file, ProtoReader p) throws MalformedProtoException, ProbeException {
        String text = null;
        float score = 0;
        int type = NORMAL;
        while (p.hasRemaining()) {
            switch (p.nextField()) {
                case 1 -> text = p.readString();
                case 2 -> score = p.readFloat();
                case 3 -> type = (int) p.readVarint();
                default -> p.skipField();
            }
        }
        if (text == null || text.isEmpty()) {
            throw new ProbeException(file, "not a SentencePiece model: a piece without text");
        }
        if (!Float.isFinite(score)) {
            throw new ProbeException(file, "not a SentencePiece model: piece '" + text + "' has score " + score);
        }
        return new Piece(text, score, type);
    }
}
