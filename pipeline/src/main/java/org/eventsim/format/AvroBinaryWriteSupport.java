package org.eventsim.format;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes Avro binary datums of {@link EventAvro#SCHEMA} to Parquet as they are: each field is read
 * from the datum's bytes and handed to Parquet's record consumer, strings and decimals without a
 * copy. The file is what parquet-avro's {@code AvroParquetWriter} writes for the same records (the
 * Parquet schema is its conversion of the Avro schema, and the footer carries the Avro schema for
 * Avro readers), without decoding each datum into a {@code GenericRecord} and walking it again,
 * which took 29 % of a Parquet run's CPU time.
 *
 * <p>The datums' types are those {@code event.avsc} uses: string, bytes, int, long, a record, and
 * a union of null and one of these. The walk follows the schema, so a field added to the schema
 * needs no code here.
 */
final class AvroBinaryWriteSupport extends WriteSupport<AvroBinaryWriteSupport.Datum> {
  /** One datum: {@code length} bytes of {@code data} from {@code offset}. Reused by the caller. */
  static final class Datum {
    byte[] data;
    int offset;
    int length;
  }

  private final Schema schema;
  private final MessageType parquetSchema;
  private final Field[] fields;
  private RecordConsumer consumer;
  private byte[] data;
  private int pos;

  AvroBinaryWriteSupport(Schema schema) {
    this.schema = schema;
    this.parquetSchema = new AvroSchemaConverter().convert(schema);
    this.fields = Field.of(schema);
  }

  /** A field of the schema, compiled once: the walk of each datum looks nothing up. */
  private record Field(String name, int index, Schema.Type type, boolean optional, Field[] children) {
    static Field[] of(Schema record) {
      List<Schema.Field> fields = record.getFields();
      Field[] compiled = new Field[fields.size()];
      for (Schema.Field f : fields) {
        Schema type = f.schema();
        boolean optional = false;
        if (type.getType() == Schema.Type.UNION) {
          List<Schema> branches = type.getTypes();
          if (branches.size() != 2 || branches.get(0).getType() != Schema.Type.NULL) {
            throw new IllegalArgumentException(f.name() + ": only unions of null and one type are written");
          }
          optional = true;
          type = branches.get(1);
        }
        switch (type.getType()) {
          case STRING, BYTES, INT, LONG, RECORD -> {}
          default -> throw new IllegalArgumentException(f.name() + ": event.avsc uses no " + type.getType());
        }
        compiled[f.pos()] =
            new Field(f.name(), f.pos(), type.getType(), optional, type.getType() == Schema.Type.RECORD ? of(type) : null);
      }
      return compiled;
    }
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return context();
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return context();
  }

  private WriteContext context() {
    // the key-value metadata parquet-avro writes, so that Avro readers find their schema; in a
    // sorted map, since the footer lists it in the map's order (Map.of's differs per JVM)
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("parquet.avro.schema", schema.toString());
    metadata.put("writer.model.name", "avro");
    return new WriteContext(parquetSchema, metadata);
  }

  @Override
  public String getName() {
    return "avro";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Datum datum) {
    data = datum.data;
    pos = datum.offset;
    consumer.startMessage();
    write(fields);
    consumer.endMessage();
    if (pos != datum.offset + datum.length) {
      throw new IllegalStateException("a datum of " + datum.length + " bytes was read as " + (pos - datum.offset));
    }
  }

  private void write(Field[] record) {
    for (Field f : record) {
      if (f.optional && readLong() == 0) {
        continue; // the null branch: an absent optional field
      }
      consumer.startField(f.name, f.index);
      switch (f.type) {
        case STRING, BYTES -> {
          int length = (int) readLong();
          consumer.addBinary(Binary.fromConstantByteArray(data, pos, length));
          pos += length;
        }
        case INT -> consumer.addInteger((int) readLong());
        case LONG -> consumer.addLong(readLong());
        default -> {
          consumer.startGroup();
          write(f.children);
          consumer.endGroup();
        }
      }
      consumer.endField(f.name, f.index);
    }
  }

  /** An Avro int or long: a zig-zag varint. */
  private long readLong() {
    long n = 0;
    int shift = 0;
    int b;
    do {
      b = data[pos++] & 0xff;
      n |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (n >>> 1) ^ -(n & 1);
  }
}
