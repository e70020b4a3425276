# Sourced by ./osmium: makes sure "$dist/osmium.aot", the JDK's ahead-of-time cache of Osmium's classes (loaded, parsed
# and linked, with the training run's method profiles), is there and newer than the distribution. It is made once
# after each build by a training run that boots a 32-byte guest on the virt board: the guest writes "o" to the UART
# and powers the machine off through sifive-test. A start with the cache takes about 0.5 s less.
aot_training_guest() { # the guest, as raw RV64 machine code, loaded at 0x80000000 by -bios none -kernel
  # lui t0,0x10000; li t1,'o'; sb t1,0(t0)              UART at 0x10000000 transmits 'o'
  # lui t0,0x100; lui t1,0x5; addi t1,t1,0x555; sw t1,0(t0)  sifive-test at 0x100000: 0x5555 powers off (status 0)
  # j .
  printf '\xb7\x02\x00\x10\x13\x03\xf0\x06\x23\x80\x62\x00\xb7\x02\x10\x00'
  printf '\x37\x53\x00\x00\x13\x03\x53\x55\x23\xa0\x62\x00\x6f\x00\x00\x00'
}
osmium_aot_cache() {
  local cache="$dist/osmium.aot"
  if [ -f "$cache" ] && [ "$cache" -nt "$dist/osmium.jar" ]; then
    return 0
  fi
  local guest="$dist/aot-training.bin" log="$root/target/aot-training.log"
  mkdir -p "$root/target"
  aot_training_guest >"$guest"
  rm -f "$cache" "$cache.new"
  # The training run must use the flags of the real runs (the cache records them); its output is the guest's "o".
  if ! "$JAVA_HOME/bin/java" "${jvm_flags[@]}" -XX:AOTCacheOutput="$cache.new" -jar "$dist/osmium.jar" \
      -M virt -m 128M -nographic -bios none -kernel "$guest" </dev/null >"$log" 2>&1; then
    echo "osmium: the ahead-of-time cache was not made (log: target/aot-training.log); starting without it" >&2
    return 0
  fi
  mv -f "$cache.new" "$cache"
}
osmium_aot_cache
