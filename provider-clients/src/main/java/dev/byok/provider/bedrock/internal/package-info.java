/** Amazon Bedrock's Converse API and its SigV4 signing. */
package dev.byok.provider.bedrock.internal;
