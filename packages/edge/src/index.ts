/** @module @portcullis/edge */
export {};
