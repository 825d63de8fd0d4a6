// Names fixed in the output folder that more than one stage writes or reads: the build writes the
// record of provision, `deliver` appends its log beside it, `merge` reads it from each shard.

/** The folder in the output with the record of provision (verstrekkingenregister). */
export const PROVISION_DIR = "verstrekkingen";
