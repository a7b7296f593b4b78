#!/bin/sh
# Writes the PEM fixtures of the certificate, key and file-permission checks under testdata/checks,
# dated around the fixed time the fixture test runs checks at (src/testing/clock.ts: 2027-01-01).
# Needs the openssl CLI. Only the weak-key and strong-key cases keep their private keys.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)/testdata/checks
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat >"$work/ca.cnf" <<CNF
[ca]
default_ca = ca_default
[ca_default]
database = $work/index.txt
new_certs_dir = $work
serial = $work/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
[req]
distinguished_name = dn
[dn]
CNF
: >"$work/index.txt"
echo 1000 >"$work/serial"

# cert NAME SUBJECT KEY START END CA SANS ISSUER: writes $work/NAME.key and $work/NAME.crt.
# KEY: rsa:BITS or ec:CURVE; START/END: YYYYMMDDHHMMSSZ; SANS: extension value or -; ISSUER: NAME or self.
cert() {
  name=$1 subject=$2 key=$3 start=$4 end=$5 ca=$6 sans=$7 issuer=$8
  case $key in
    rsa:*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${key#rsa:}" -out "$work/$name.key" 2>/dev/null ;;
    ec:*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${key#ec:}" -out "$work/$name.key" ;;
  esac
  printf 'basicConstraints=critical,CA:%s\n' "$ca" >"$work/$name.ext"
  [ "$sans" = - ] || printf 'subjectAltName=%s\n' "$sans" >>"$work/$name.ext"
  openssl req -new -key "$work/$name.key" -subj "$subject" -config "$work/ca.cnf" -out "$work/$name.csr"
  if [ "$issuer" = self ]; then
    signer="-selfsign -keyfile $work/$name.key"
  else
    signer="-cert $work/$issuer.crt -keyfile $work/$issuer.key"
  fi
  # shellcheck disable=SC2086
  openssl ca -batch -notext -config "$work/ca.cnf" $signer -in "$work/$name.csr" -out "$work/$name.crt" \
    -startdate "$start" -enddate "$end" -extfile "$work/$name.ext" 2>/dev/null
}

# place NAME FIXTURE-PATH [key]: copies NAME.crt (and NAME.key) into a fixture directory.
place() {
  mkdir -p "$(dirname "$root/$2")"
  cp "$work/$1.crt" "$root/$2.crt"
  [ "${3:-}" != key ] || cp "$work/$1.key" "$root/$2.key"
}

from=20260101000000Z
ca_until=20361231000000Z
until=20271231000000Z
kubeadm_sans='DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,IP:10.96.0.1'

cert ca /CN=kubernetes rsa:2048 $from $ca_until TRUE - self
cert etcd-ca /CN=etcd-ca rsa:2048 $from $ca_until TRUE - self
cert apiserver /CN=kube-apiserver rsa:2048 $from $until FALSE "$kubeadm_sans" ca
cert front-proxy-client /CN=front-proxy-client rsa:2048 $from $until FALSE - ca
cert etcd-server /CN=cp-1 ec:prime256v1 $from $until FALSE 'DNS:localhost,IP:127.0.0.1' etcd-ca
cert expiring /CN=kube-apiserver rsa:2048 $from 20270105000000Z FALSE "$kubeadm_sans" ca
cert expired /CN=kube-apiserver rsa:2048 $from 20261201000000Z FALSE "$kubeadm_sans" ca
cert future /CN=kube-apiserver rsa:2048 20270201000000Z 20280201000000Z FALSE "$kubeadm_sans" ca
cert rsa-1024 /CN=kube-apiserver rsa:1024 $from $until FALSE "$kubeadm_sans" ca
cert ec-p224 /CN=cp-1 ec:secp224r1 $from $until FALSE 'DNS:localhost,IP:127.0.0.1' etcd-ca
cert ca-not-ca /CN=kubernetes rsa:2048 $from $ca_until FALSE - self
cert leaf-ca /CN=front-proxy-client rsa:2048 $from $until TRUE - ca
cert apiserver-no-sans /CN=kube-apiserver rsa:2048 $from $until FALSE DNS:cp-1 ca

pki() { # pki FIXTURE: a kubeadm-like PKI that passes every certificate check
  place ca "$1/pki/ca"
  place etcd-ca "$1/pki/etcd/ca"
  place apiserver "$1/pki/apiserver"
  place front-proxy-client "$1/pki/front-proxy-client"
  place etcd-server "$1/pki/etcd/server" key
}

pki certificate-expiry/pass/kubeadm-pki
place expiring certificate-expiry/fail/expiring-soon/pki/apiserver
place expired certificate-expiry/fail/expired/pki/apiserver
place future certificate-expiry/fail/not-yet-valid/pki/apiserver

pki certificate-key-strength/pass/kubeadm-pki
place rsa-1024 certificate-key-strength/fail/rsa-1024/pki/apiserver key
place ec-p224 certificate-key-strength/fail/ec-p224/pki/etcd/server key

pki certificate-roles/pass/kubeadm-pki
place ca-not-ca certificate-roles/fail/ca-without-ca-flag/pki/ca
place ca certificate-roles/fail/leaf-with-ca-flag/pki/ca
place leaf-ca certificate-roles/fail/leaf-with-ca-flag/pki/front-proxy-client
place ca certificate-roles/fail/apiserver-missing-sans/pki/ca
place apiserver-no-sans certificate-roles/fail/apiserver-missing-sans/pki/apiserver
place ca certificate-roles/fail/shared-etcd-ca/pki/ca
place ca certificate-roles/fail/shared-etcd-ca/pki/etcd/ca

for case in pass/kubeadm-modes fail/loose-modes; do
  place ca "node-file-permissions/$case/etc/kubernetes/pki/ca"
  place etcd-server "node-file-permissions/$case/etc/kubernetes/pki/etcd/server" key
done
